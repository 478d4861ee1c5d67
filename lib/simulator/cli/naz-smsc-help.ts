import type { ParseArgsConfig } from 'node:util';

/** The CLI's default port: the IANA-registered SMPP port. */
export const DEFAULT_CLI_PORT = 2775;

/** `naz-smsc --help`. */
export const HELP_TEXT = `naz-smsc: an SMPP 3.4 SMSC simulator (nestjs-naz)

Usage: naz-smsc [options]

Listening
  --host <ip>                     interface to listen on (default 127.0.0.1)
  --port <n>                      TCP port; 0 picks a free one (default ${DEFAULT_CLI_PORT})
  --system-id <id>                system_id returned in bind responses (default naz-smsc)
  --credential <id:password>...   account allowed to bind; repeat for more. Without any, every bind is accepted;
                                  with some, unknown ids get ESME_RINVSYSID and wrong passwords ESME_RINVPASWD
  --max-command-length <n>        largest command_length accepted (default 70000)
  --deliver-window <n>            most unanswered deliver_sm per connection; more wait (default 0 = no limit)
  --http <port>                   serve the web console on this port (0 picks a free one); off by default
  --http-host <ip>                interface of the web console (default 127.0.0.1)

Messages
  --message-id-format <f>         decimal | hex (default decimal)
  --message-id-start <n>          first message id counter (default 1)
  --store-capacity <n>            messages kept for query_sm/cancel_sm/replace_sm (default 100000)

Delivery receipts (sent when registered_delivery asks)
  --receipts                      send receipts (the default)
  --no-receipts                   never send receipts
  --receipt-delay <ms|min-max>    time to the final state and receipt (default 1000)
  --receipt-states <mix>          final states, e.g. DELIVRD=0.9,UNDELIV=0.1 (default DELIVRD=1)
                                  states: DELIVRD EXPIRED DELETED UNDELIV ACCEPTD UNKNOWN REJECTD

MO traffic (deliver_sm to receiver/transceiver binds)
  --mo-rate <n>                   MO messages per second (off by default)
  --mo-count <n>                  stop after n messages
  --mo-text <text>                message text (default "MO message <n>")
  --mo-split <method>             udh8 | udh16 | sar | payload, for long texts (default udh8)
  --mo-source <addr>              source_addr (default 447700900001)
  --mo-destination <addr>         destination_addr (default 1234)
  --mo-system-id <id>             only to sessions bound with this system_id

Faults (also switchable at run time with --stdin-control)
  --throttle-every <n>            answer every nth submit with ESME_RTHROTTLED
  --throttle-above-rate <n>       ESME_RTHROTTLED above n submits per second
  --queue-full-every <n>          answer every nth submit with ESME_RMSGQFUL (1 = always)
  --response-delay <ms|min-max>   delay every response (fixed or random)
  --never-answer-every <n>        never answer every nth request of --never-answer-commands
  --never-answer-commands <list>  default submit_sm,submit_multi,data_sm
  --drop-after-pdus <n>           close a connection after n PDUs
  --random-drop <min-max>         close each bound connection at a random moment in this window (ms)
  --unbind-after <ms>             send unbind this long after each bind
  --enquire-link-interval <ms>    send enquire_link on bound sessions at this interval
  --enquire-link-timeout <ms>     close a session whose enquire_link is unanswered this long
  --malformed-every <n>           write malformed bytes after every nth request
  --malformed-kind <kind>         truncated-body | bad-command-length | unknown-command
  --receipt-before-response <ms|min-max>
                                  send each receipt at once, before its submit response, which waits this long

Output and control
  --log-level <level>             debug | info | warn | error | silent (default info); JSON lines on stderr;
                                  per-PDU lines only at debug
  --stats-interval <ms>           print a JSON stats line on stdout at this interval
  --stdin-control                 read commands from stdin, one per line: "stats", or JSON such as
                                  {"faults":{"throttleEveryNth":3}}, {"receipts":{"delayMs":0}},
                                  {"mo":{"text":"hi"}}, {"unbind":true}, {"drop":true}, {"malformed":"truncated-body"}
  -h, --help                      show this help

stdout: one JSON line {"event":"listening",...} at start, {"event":"stats",...} on SIGUSR2, on "stats"
and on exit (SIGINT/SIGTERM), each with the counters and the process CPU time.
`;

/** A flag line of {@link HELP_TEXT}: `  -h, --help`, `  --port <n>`; a `...` after the value means repeatable. */
const FLAG_LINE = /^ {2}(?:-(\w), )?--([\w-]+)( <[^>]+>(\.\.\.)?)?/;

/**
 * The option table `node:util` `parseArgs` reads, taken from the flag lines of the help text (the docopt idea):
 * a flag with a value (`--port <n>`) is a string, one without is a boolean, so no flag can be parsed without
 * being documented, or documented without being parsed.
 */
export const PARSE_ARGS_OPTIONS: NonNullable<ParseArgsConfig['options']> = Object.fromEntries(
  HELP_TEXT.split('\n').flatMap((line) => {
    const match = FLAG_LINE.exec(line);
    if (!match) return [];
    const [, short, name, value, repeatable] = match;
    return [
      [
        name,
        {
          type: value === undefined ? 'boolean' : 'string',
          ...(short === undefined ? {} : { short }),
          ...(repeatable === undefined ? {} : { multiple: true }),
        },
      ],
    ];
  }),
);

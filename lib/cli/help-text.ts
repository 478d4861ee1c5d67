import { EXIT_CODE_DESCRIPTIONS } from './exit-codes.js';

/** The text `naz-cli --help` prints: commands, flags, config keys and exit codes. */
export function helpText(version: string): string {
  const exitCodes = EXIT_CODE_DESCRIPTIONS.map(
    ([code, text]) => `  ${String(code).padStart(3)}  ${text}`,
  ).join('\n');
  return `naz-cli ${version}: run an SMPP 3.4 client from a config file

Usage:
  naz-cli [run] --config client.json [--input msgs.jsonl|-] [--spill unsent.jsonl]
  naz-cli send  --config client.json --to 254700000001 --text "Hello" [--from NAZ] [--correlation-id ID]
  naz-cli send  --config client.json --file batch.csv
  naz-cli enqueue --config client.json --file batch.csv   (into the configured queue, no SMSC)
  naz-cli --config client.json --dry-run                   (validate and load, connect nothing)

Commands:
  run       Bind and send what the configured queue holds until SIGINT/SIGTERM, then drain gracefully:
            stop taking messages, wait for in-flight responses, put the rest back, unbind.
            --input FILE   first enqueue the messages of a CSV or JSON-lines file
            --input -      enqueue JSON lines read from stdin as they arrive
            --spill FILE   at shutdown, write messages left in an in-memory queue to FILE (JSON lines)
                           (without it they are logged as "unsent" events: nothing is dropped silently)
  send      Send now, from this process (its own in-memory queue; the configured queue is for "run").
            One message: --to, --text, [--from], [--correlation-id]; prints the message ids, then waits
            for the delivery receipt (--receipt-timeout, default 60s; --no-wait to skip).
            A batch: --file batch.csv (header row: to,from,text[,correlationId], other columns become
            metadata) or batch.jsonl (one message object per line). Shows progress, then a summary.
            --bind-timeout DURATION  give up binding after this long (default 30s)
  enqueue   Put messages (--file, or --to/--text) into the configured queue and exit.

Common flags:
  -c, --config FILE      client config, JSON or YAML (.yaml/.yml). Keys are those of NazModule.forRoot()
                         (host, port, systemId, password, bindMode, windowSize, rateLimit, ...) plus
                         "queue": "memory" | {"type":"redis",...} | {"type":"rabbitmq",...}
                                  | {"module":"./my-queue.js","export":"MyQueue","options":{...}}
                         Any string may use \${ENV_VAR} or \${ENV_VAR:-default}; write $\${ for a literal \${.
      --log-level LEVEL  debug | info | warn | error (overrides the config's logLevel)
      --pretty / --json  human-readable or JSON-lines logs (default: human on a TTY, JSON otherwise)
      --dry-run          validate the config, load the queue and input, connect nothing
  -h, --help             this text
  -V, --version          print the version

Durations: 500ms, 30s, 2m, 1h; a bare number means seconds.

Exit codes:
${exitCodes}
`;
}

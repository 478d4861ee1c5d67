import { Logger } from '@nestjs/common';
import { startSample } from './start-sample.js';

/** Starts the sample: `npm run start:sample`. */
async function bootstrap(): Promise<void> {
  const app = await startSample();
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');
  const logger = new Logger('Sample');
  logger.log(`listening on ${url}`);
  logger.log(
    [
      'try:',
      `  curl -s -X POST ${url}/messages -H 'content-type: application/json' -d '{"to":"447700900123","from":"NazSample","text":"Hello from naz"}'`,
      `  curl -s ${url}/messages/<id>     # queued → submitted → delivered`,
      `  curl -s ${url}/inbound           # messages sent to us`,
      `  curl -s ${url}/health`,
    ].join('\n'),
  );
}

void bootstrap();

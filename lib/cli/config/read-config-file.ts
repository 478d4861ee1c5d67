import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';

import { ConfigError } from '../errors/config-error.js';

/**
 * Reads and parses a config file: YAML when it ends in `.yaml`/`.yml`, JSON otherwise.
 *
 * @throws ConfigError when the file is missing, unreadable, not parsable (with line and column where the parser
 * gives them), or not an object; `displayName` (the path as the user typed it) names the file.
 */
export async function readConfigFile(
  file: string,
  displayName: string = file,
): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const rule =
      code === 'ENOENT' ? 'config file not found' : `cannot read config file (${code ?? String(error)})`;
    throw new ConfigError(displayName, '', rule, { cause: error });
  }
  const isYaml = ['.yaml', '.yml'].includes(extname(file).toLowerCase());
  let parsed: unknown;
  // `yaml` is loaded only for YAML files, so JSON users do not need it.
  const yaml = isYaml ? await loadYaml(displayName) : undefined;
  try {
    parsed = yaml ? yaml.parse(text) : JSON.parse(text);
  } catch (error) {
    throw new ConfigError(displayName, '', describeParseError(error, text, yaml), { cause: error });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError(
      displayName,
      '',
      `the config must be an object of client options, got ${Array.isArray(parsed) ? 'an array' : typeof parsed}`,
    );
  }
  return parsed as Record<string, unknown>;
}

type YamlModule = typeof import('yaml');

async function loadYaml(displayName: string): Promise<YamlModule> {
  try {
    return await import('yaml');
  } catch (error) {
    throw new ConfigError(
      displayName,
      '',
      'YAML configs need the "yaml" package: npm install yaml (or use JSON)',
      {
        cause: error,
      },
    );
  }
}

function describeParseError(error: unknown, text: string, yaml: YamlModule | undefined): string {
  const isYaml = yaml !== undefined;
  if (yaml && error instanceof yaml.YAMLParseError) {
    const where = error.linePos ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}` : '';
    return `invalid YAML${where}: ${error.message.split('\n')[0]}`;
  }
  // V8 quotes a piece of the text around the error (`Unexpected token '}', ..."hunter2" }" is not valid JSON`):
  // that piece may hold a password, and the file did not parse, so no secret is known to mask. Drop it.
  const message = (error instanceof Error ? error.message : String(error)).replace(
    /, (?:\.\.\.)?"[\s\S]*"(?:\.\.\.)? is not valid JSON$/,
    '',
  );
  // V8 reports "at position N"; people read lines and columns.
  const position = /position (\d+)/.exec(message);
  if (!isYaml && position) {
    const before = text.slice(0, Number(position[1]));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return `invalid JSON at line ${line}, column ${column}: ${message}`;
  }
  return `invalid ${isYaml ? 'YAML' : 'JSON'}: ${message}`;
}

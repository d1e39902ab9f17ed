/** The command base: flag parsing with suggestions, and one exit code per kind of outcome. */
import { describe, expect, it } from 'vitest';
import { CliDataError, CliUsageError, EXIT, parseFlags, runCommand, type Command } from '../../src/cli/command.ts';
import { didYouMean } from '../../src/cli/suggest.ts';
import { FacadeError, QueryError } from '../../src/errors.ts';
import { EventFileError } from '../../src/io/index.ts';

describe('didYouMean', () => {
  const commands = ['recompute', 'serve', 'load', 'sample'];
  it('suggests the closest name within a third of its letters', () => {
    expect(didYouMean('recompte', commands)).toBe('recompute');
    expect(didYouMean('srve', commands)).toBe('serve');
    expect(didYouMean('sampel', commands)).toBe('sample');
    expect(didYouMean('recomp', commands)).toBe('recompute'); // a prefix
  });
  it('suggests nothing for a word that is not a typo of any', () => {
    expect(didYouMean('frobnicate', commands)).toBeUndefined();
    expect(didYouMean('x', commands)).toBeUndefined();
    expect(didYouMean('', commands)).toBeUndefined();
  });
});

describe('parseFlags', () => {
  const flags = { input: { type: 'string' }, output: { type: 'string' }, help: { type: 'boolean' } } as const;
  it('parses known flags', () => {
    expect(parseFlags(['--input', 'a', '--help'], flags)).toEqual({ input: 'a', help: true });
  });
  it('names an unknown flag and the closest known one', () => {
    expect(() => parseFlags(['--inptu', 'a'], flags)).toThrow(new CliUsageError('unknown flag --inptu (did you mean --input?)'));
    expect(() => parseFlags(['--zzz'], flags)).toThrow(new CliUsageError('unknown flag --zzz'));
    expect(() => parseFlags(['stray'], flags)).toThrow(new CliUsageError('unexpected argument stray; flags start with --'));
  });
});

describe('runCommand exit codes', () => {
  const run = async (failure: unknown) => {
    let stdout = '';
    let stderr = '';
    const command: Command<{ n: number }> = {
      name: 'demo',
      usage: 'usage: demo',
      parse: (argv) =>
        argv[0] === '--help'
          ? 'help'
          : argv[0] === 'bad'
            ? (() => {
                throw new CliUsageError('bad flag');
              })()
            : { n: 1 },
      run: async () => {
        if (failure) throw failure;
        return EXIT.ok;
      },
    };
    const streams = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
    const code = await runCommand(command, failure === 'usage' ? ['bad'] : failure === 'help' ? ['--help'] : [], streams);
    return { code, stdout, stderr };
  };
  it('0 for done and for --help (usage on stdout)', async () => {
    expect(await run(undefined)).toEqual({ code: EXIT.ok, stdout: '', stderr: '' });
    expect(await run('help')).toEqual({ code: 0, stdout: 'usage: demo\n', stderr: '' });
  });
  it('2 for a usage error, with the usage', async () => {
    expect(await run('usage')).toEqual({ code: 2, stdout: '', stderr: 'demo: bad flag\nusage: demo\n' });
  });
  it('3 for bad data: a side file, a malformed row, a bad query', async () => {
    expect(await run(new CliDataError('--query q.json: not valid JSON'))).toEqual({
      code: 3,
      stdout: '',
      stderr: 'demo: --query q.json: not valid JSON\n',
    });
    expect((await run(new EventFileError('e.ndjson', { line: 3 }, 'bad time'))).code).toBe(3);
    expect((await run(new QueryError('must be one of day', 'window'))).code).toBe(3);
  });
  it('4 for a façade rejection, the vendor body on stdout', async () => {
    const r = await run(new FacadeError(422, { detail: 'nope' }));
    expect(r).toEqual({
      code: 4,
      stdout: '{"detail":"nope"}\n',
      stderr: 'demo: the façade rejected the request (HTTP 422); its error body is on stdout\n',
    });
  });
  it('1 for anything else, the message without a stack', async () => {
    expect(await run(new Error('connect ECONNREFUSED'))).toEqual({ code: 1, stdout: '', stderr: 'demo: connect ECONNREFUSED\n' });
  });
});

import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { redirectConsoleToStderr } from './console.redirect.js';

describe('redirectConsoleToStderr', () => {
  let undo: (() => void) | undefined;
  afterEach(() => {
    undo?.();
    vi.restoreAllMocks();
  });

  it('sends log, info, debug, dir and table to the given stream, none to stdout', () => {
    const stdout = vi.spyOn(process.stdout, 'write');
    const stderr = new PassThrough();
    let written = '';
    stderr.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
    undo = redirectConsoleToStderr(stderr);
    console.log('one');
    console.info('two');
    console.debug('three');
    console.dir({ four: 4 });
    console.table([{ five: 5 }]);
    expect(written).toContain('one\ntwo\nthree\n{ four: 4 }\n');
    expect(written).toContain('five');
    expect(stdout).not.toHaveBeenCalled();
  });

  it('undo restores the original methods', () => {
    const original = console.log;
    undo = redirectConsoleToStderr(new PassThrough());
    expect(console.log).not.toBe(original);
    undo();
    undo = undefined;
    expect(console.log).toBe(original);
  });
});

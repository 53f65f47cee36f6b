import { afterEach, describe, expect, it, vi } from 'vitest';
import { StderrLogger } from './stderr.logger.js';

describe('StderrLogger', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes every level to stderr and nothing to stdout', () => {
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const logger = new StderrLogger({ logLevels: ['log', 'warn', 'debug', 'verbose', 'error'] });
    logger.log('a log line', 'Spec');
    logger.warn('a warning', 'Spec');
    logger.debug('a debug line', 'Spec');
    logger.error('an error', undefined, 'Spec');
    expect(stdout).not.toHaveBeenCalled();
    const text = lines.join('');
    for (const message of ['a log line', 'a warning', 'a debug line', 'an error'])
      expect(text).toContain(message);
    expect(text).toMatch(/LOG \[Spec\] a log line/);
  });

  it('adds no colour codes when stderr is not a terminal', () => {
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const stderr = process.stderr as { isTTY?: boolean };
    const wasTty = stderr.isTTY;
    stderr.isTTY = false;
    try {
      new StderrLogger().log('plain', 'Spec');
    } finally {
      stderr.isTTY = wasTty;
    }
    expect(lines.join('')).toContain('plain');
    expect(lines.join('')).not.toContain('\u001b[');
  });
});

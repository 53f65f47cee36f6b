import { describe, expect, it } from 'vitest';
import { LazyAbort } from './lazy-abort.js';

describe('LazyAbort', () => {
  it('creates no controller until the signal is read, and only once', () => {
    let uses = 0;
    const lazy = new LazyAbort(() => uses++);
    expect(uses).toBe(0);
    const signal = lazy.signal;
    expect(lazy.signal).toBe(signal);
    expect(uses).toBe(1);
    expect(signal.aborted).toBe(false);
  });

  it('applies an abort that came before the first read, with its reason', () => {
    const lazy = new LazyAbort();
    lazy.abort('client cancelled');
    expect(lazy.aborted).toBe(true);
    expect(lazy.signal.aborted).toBe(true);
    expect(lazy.signal.reason).toBe('client cancelled');
  });

  it('aborts a signal already handed out', () => {
    const lazy = new LazyAbort();
    const signal = lazy.signal;
    let fired = 0;
    signal.addEventListener('abort', () => fired++);
    lazy.abort();
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBeInstanceOf(DOMException);
    expect(fired).toBe(1);
  });
});

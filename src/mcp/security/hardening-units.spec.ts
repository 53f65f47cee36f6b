import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-key.js';
import { MemoryReplayStore } from './replay/memory-replay.store.js';
import { ReplayStoreFullError } from './replay/replay-store-full.error.js';
import { replayKey } from './replay/replay-key.js';
import { checkWindows } from './signature/signature-params.policy.js';
import { selectSignature } from './signature/signature-input.parser.js';

const fromIp = (ip: string) => ({ socket: { remoteAddress: ip } }) as unknown as IncomingMessage;
const NOW = 1_790_000_000;

describe('ADVERSARIAL I: small hardening cases', () => {
  it('I8 one key filling the default nonce store leaves room for every other key', async () => {
    const store = new MemoryReplayStore();
    let refusedAt = -1;
    for (let i = 0; i < 100_001; i++) {
      try {
        await store.claim(replayKey('greedy', `nonce-${i}`), 60_000);
      } catch (error) {
        expect(error).toBeInstanceOf(ReplayStoreFullError);
        refusedAt = i;
        break;
      }
    }
    expect(refusedAt).toBeGreaterThan(0);
    expect(refusedAt).toBeLessThan(100_000);
    expect(await store.claim(replayKey('modest', 'nonce-1'), 60_000)).toBe(true);
    store.onModuleDestroy();
  });

  it('I18 expires 10 s in the past is refused (no skew on expires); a Decimal created=N.0 is refused explicitly', () => {
    expect(checkWindows({ created: NOW - 20, expires: NOW - 10 }, NOW, 300, 30)).toMatchObject({
      status: 401,
    });
    expect(checkWindows({ created: NOW - 20, expires: NOW + 10 }, NOW, 300, 30)).toBeUndefined();
    const decimal = selectSignature({
      'signature-input': [
        `sig=("@method");created=${NOW}.0;keyid="k";nonce="${'n'.repeat(22)}";tag="mcp"`,
      ],
      signature: ['sig=:AAAA:'],
    });
    expect(decimal).toMatchObject({ status: 400 });
    expect(JSON.stringify(decimal)).toMatch(/[Dd]ecimal/);
  });

  it('I19 an IPv6 /56 rule masks by bits, not by whole 16-bit groups', () => {
    const a = clientAddress(fromIp('2001:db8:aa:bb01::1'), 56);
    const b = clientAddress(fromIp('2001:db8:aa:bbff::2'), 56);
    const c = clientAddress(fromIp('2001:db8:aa:bc00::2'), 56);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(clientAddress(fromIp('2001:db8:1:2:3::1'), 64)).toBe(
      clientAddress(fromIp('2001:db8:1:2:ffff::9'), 64),
    );
  });

  it("works out a request's address once per subnet size", () => {
    let reads = 0;
    const req = {
      socket: { remoteAddress: '2001:db8:aa:bb01::1' },
      get ip() {
        reads++;
        return undefined;
      },
    } as unknown as IncomingMessage;
    expect(clientAddress(req, 56)).toBe('2001:db8:aa:bb00:0:0:0:0/56');
    expect(clientAddress(req, 56)).toBe('2001:db8:aa:bb00:0:0:0:0/56');
    expect(reads).toBe(1);
    expect(clientAddress(req, 64)).toBe('2001:db8:aa:bb01:0:0:0:0/64');
    expect(reads).toBe(2);
  });
});

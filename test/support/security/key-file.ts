import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SigningAgent } from './agents.js';

/** Writes `{"keys":[…]}` to a fresh temp dir; `remove` deletes the dir. */
export function writeKeyFile(agents: Pick<SigningAgent, 'entry'>[]): {
  file: string;
  remove: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'nest-mcp-keys-'));
  const file = join(dir, 'agent-keys.json');
  writeFileSync(file, JSON.stringify({ keys: agents.map((a) => a.entry) }), { mode: 0o600 });
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PUBLIC_TOOLS, startDemoApp, type RunningApp } from '../support/demo-app.js';
import { killInspectorRuns, runInspectorCli, type InspectorRun } from '../support/inspector-cli.js';
import {
  CONJUGATE_CALL,
  LOOKUP_SPANISH_CALL,
  onlyText,
  TUTOR_TOOLS,
  type ToolCallCase,
} from '../support/interop.js';
import { buildProject, REPO_ROOT, STDIO_DEMO } from '../support/stdio-child.js';
import { resolve } from 'node:path';

// Each run starts two node processes (and, for stdio, the server): allow for a slow machine.
const RUN_TIMEOUT_MS = 25_000;
const TEST_TIMEOUT_MS = 3 * RUN_TIMEOUT_MS + 5_000;

/** The CLI exits 0 even for an isError result, so the JSON on stdout is what is checked. */
function output(run: InspectorRun): Record<string, unknown> {
  expect(run.signal, run.stderr).toBeNull();
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

const callArgs = ({ params }: ToolCallCase): string[] => [
  '--method',
  'tools/call',
  '--tool-name',
  params.name,
  ...Object.entries(params.arguments).flatMap(([key, value]) => ['--tool-arg', `${key}=${value}`]),
];

/** tools/list, conjugate and lookup_spanish through the CLI aimed at `target`. */
async function exercise(target: string[]): Promise<void> {
  const listed = output(
    await runInspectorCli([...target, '--method', 'tools/list'], RUN_TIMEOUT_MS),
  );
  const names = (listed.tools as { name: string }[]).map((t) => t.name);
  expect(names).toEqual(expect.arrayContaining(TUTOR_TOOLS));
  for (const toolCall of [CONJUGATE_CALL, LOOKUP_SPANISH_CALL]) {
    const result = output(
      await runInspectorCli([...target, ...callArgs(toolCall)], RUN_TIMEOUT_MS),
    );
    expect(onlyText(result)).toBe(toolCall.expected);
  }
}

afterAll(() => killInspectorRuns());

describe.each(['express', 'fastify'] as const)(
  'interop: Inspector CLI over HTTP on %s',
  (adapter) => {
    let demo: RunningApp;

    beforeAll(async () => {
      // The CLI is a child process, so the in-process app must be really listening (it is, on port 0).
      demo = await startDemoApp({ adapter });
    });

    afterAll(async () => {
      killInspectorRuns();
      await demo?.close();
    });

    it(
      'Streamable HTTP (/mcp, picked from the URL)',
      async () => {
        await exercise([demo.url]);
        const listed = output(
          await runInspectorCli([demo.url, '--method', 'tools/list'], RUN_TIMEOUT_MS),
        );
        expect((listed.tools as { name: string }[]).map((t) => t.name).sort()).toEqual(
          DEMO_PUBLIC_TOOLS,
        );
      },
      TEST_TIMEOUT_MS + RUN_TIMEOUT_MS,
    );

    it(
      'Streamable HTTP with an explicit --transport http',
      () => exercise([demo.url, '--transport', 'http']),
      TEST_TIMEOUT_MS,
    );

    it(
      'legacy HTTP+SSE (/sse, picked from the URL)',
      () => exercise([`${demo.origin}/sse`]),
      TEST_TIMEOUT_MS,
    );
  },
);

describe('interop: Inspector CLI over stdio', () => {
  beforeAll(() => buildProject());

  it(
    'launches the built stdio demo itself',
    // The CLI runs from its own folder, so the server script is given by absolute path.
    () => exercise([process.execPath, resolve(REPO_ROOT, STDIO_DEMO)]),
    TEST_TIMEOUT_MS,
  );
});

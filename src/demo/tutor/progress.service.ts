import { Inject, Injectable } from '@nestjs/common';
import { McpNotifier } from '../../mcp/index.js';
import { DemoState } from '../demo-state.js';

export const PROGRESS_URI = 'tutor://progress';

/** The learner's running score (shared by every replica); subscribers hear of every change. */
@Injectable()
export class ProgressService {
  constructor(
    private readonly notifier: McpNotifier,
    @Inject(DemoState) private readonly state: DemoState,
  ) {}

  async record(ok: boolean): Promise<void> {
    await this.state.increment('progress', 'checked');
    if (ok) await this.state.increment('progress', 'correct');
    void this.notifier.resourceUpdated(PROGRESS_URI);
  }

  async snapshot(): Promise<{ checked: number; correct: number }> {
    const all = await this.state.all('progress');
    return { checked: Number(all.checked ?? 0), correct: Number(all.correct ?? 0) };
  }
}

import { Injectable } from '@nestjs/common';
import { McpNotifier } from '../../mcp/index.js';

export const PROGRESS_URI = 'tutor://progress';

/** The learner's running score; subscribers hear of every change. */
@Injectable()
export class ProgressService {
  private checked = 0;
  private correct = 0;

  constructor(private readonly notifier: McpNotifier) {}

  record(ok: boolean): void {
    this.checked += 1;
    if (ok) this.correct += 1;
    void this.notifier.resourceUpdated(PROGRESS_URI);
  }

  snapshot(): { checked: number; correct: number } {
    return { checked: this.checked, correct: this.correct };
  }
}

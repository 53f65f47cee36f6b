import { Module } from '@nestjs/common';
import { DemoStateModule } from '../demo-state.module.js';
import { ConjugationService } from './conjugation.service.js';
import { TutorResources } from './tutor.resources.js';
import { ProgressService } from './progress.service.js';
import { TutorPracticeTools } from './tutor-practice.tools.js';
import { TutorTools } from './tutor.tools.js';

@Module({
  imports: [DemoStateModule],
  providers: [ConjugationService, ProgressService, TutorTools, TutorPracticeTools, TutorResources],
})
export class TutorModule {}

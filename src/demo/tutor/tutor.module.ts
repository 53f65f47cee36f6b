import { Module } from '@nestjs/common';
import { ConjugationService } from './conjugation.service.js';
import { TutorResources } from './tutor.resources.js';
import { TutorTools } from './tutor.tools.js';

@Module({ providers: [ConjugationService, TutorTools, TutorResources] })
export class TutorModule {}

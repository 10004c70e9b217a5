import { Module } from '@nestjs/common';
import { DatabaseModule } from '@kakehashi/database';
import { BuyerContactService } from './buyer-contact.service';
import { EvidenceService } from './evidence.service';
import { LinkRequestService } from './link-request.service';
import { PortalRendererService } from './portal-renderer.service';
import { QuestionnairePagesController } from './questionnaire-pages.controller';
import { QuestionnairePagesService } from './questionnaire-pages.service';
import { QuestionnaireSessionController } from './questionnaire-session.controller';
import { RespondAccessService } from './respond-access.service';
import { RespondAnswersService } from './respond-answers.service';
import { RespondApiController } from './respond-api.controller';
import { RespondLinkPagesController } from './respond-link-pages.controller';
import { RespondSessionService } from './respond-session.service';
import { RespondThrottleService } from './respond-throttle.service';
import { StartInfoService } from './start-info.service';
import { EVIDENCE_STORAGE } from './storage/evidence-storage';
import { LocalDiskEvidenceStorage } from './storage/local-disk-evidence.storage';

/** The supplier side: the emailed link, the questionnaire pages and the token API. */
@Module({
  imports: [DatabaseModule],
  // The session controller is listed before the link pages so `q/s/...` is never read as a token.
  controllers: [
    RespondApiController,
    QuestionnaireSessionController,
    QuestionnairePagesController,
    RespondLinkPagesController,
  ],
  providers: [
    RespondAccessService,
    RespondAnswersService,
    RespondSessionService,
    RespondThrottleService,
    PortalRendererService,
    QuestionnairePagesService,
    EvidenceService,
    LinkRequestService,
    StartInfoService,
    BuyerContactService,
    { provide: EVIDENCE_STORAGE, useClass: LocalDiskEvidenceStorage },
  ],
  exports: [EvidenceService],
})
export class RespondModule {}

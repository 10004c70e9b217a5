import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ItemKind } from '@kakehashi/domain';
import { ErrorResponse, LocalizedTextResponse } from '../common/api-responses.doc';

/** Every ItemKind of the catalog: a Record, so the compiler checks none is missing. */
export const ITEM_KINDS: Record<ItemKind, true> = {
  maturity: true,
  single: true,
  multi: true,
  yesno: true,
  date: true,
  number: true,
  text: true,
  file: true,
};

// Response shapes of the supplier (link token) API, for the OpenAPI document only.

class RespondOptionResponse {
  @ApiProperty({ example: 'done' })
  code!: string;

  @ApiProperty({ type: LocalizedTextResponse })
  label!: LocalizedTextResponse;
}

class RespondItemResponse {
  @ApiProperty({ example: 'D01.1' })
  id!: string;

  @ApiProperty({ enum: Object.keys(ITEM_KINDS) })
  kind!: ItemKind;

  @ApiProperty({ description: 'Required with the answers saved so far' })
  required!: boolean;

  @ApiProperty({ description: 'Shown with the answers saved so far (conditional items)' })
  visible!: boolean;

  @ApiProperty({ type: LocalizedTextResponse })
  text!: LocalizedTextResponse;

  @ApiPropertyOptional({ type: [RespondOptionResponse] })
  options?: RespondOptionResponse[];

  @ApiPropertyOptional({
    description: 'The saved answer: a string, number, boolean or list of option codes',
    oneOf: [
      { type: 'string' },
      { type: 'number' },
      { type: 'boolean' },
      { type: 'array', items: { type: 'string' } },
    ],
  })
  answer?: unknown;
}

class RespondSectionResponse {
  @ApiProperty({ example: 'directive-1' })
  id!: string;

  @ApiProperty({ type: LocalizedTextResponse })
  title!: LocalizedTextResponse;

  @ApiProperty({ type: [RespondItemResponse] })
  items!: RespondItemResponse[];
}

class RespondSupplierResponse {
  @ApiProperty({ example: '株式会社サンプル部品' })
  name!: string;
}

export class RespondDocumentResponse {
  @ApiProperty({ format: 'uuid' })
  assessmentId!: string;

  @ApiProperty({ enum: ['invited', 'opened', 'in_progress', 'submitted', 'scored'] })
  status!: string;

  @ApiProperty({ example: 'meti-v3.0+sa-3.1' })
  catalogVersion!: string;

  @ApiProperty({ description: 'Send it back with the next save (optimistic concurrency)' })
  version!: number;

  @ApiProperty({ type: RespondSupplierResponse })
  supplier!: RespondSupplierResponse;

  @ApiProperty({ type: [RespondSectionResponse] })
  sections!: RespondSectionResponse[];
}

export class SavedVersionResponse {
  @ApiProperty({ example: 4, description: 'The new version of the answers' })
  version!: number;
}

export class SubmittedResponse {
  @ApiProperty({ enum: ['submitted'] })
  status!: 'submitted';

  @ApiProperty({ example: 1, description: 'Counts the submissions of this assessment' })
  submission!: number;
}

export class UploadedEvidenceResponse {
  @ApiProperty({ format: 'uuid', description: 'Answer the file item with this id' })
  id!: string;
}

class RespondBuyerContactResponse {
  @ApiProperty({ example: '調達部 山田 花子' })
  name!: string;

  @ApiProperty({ format: 'email', example: 'yamada@buyer.example' })
  email!: string;
}

class RespondRequesterResponse {
  @ApiProperty({
    example: '株式会社架け橋',
    description: 'The buyer organization that sent the questionnaire',
  })
  organizationName!: string;

  @ApiProperty({
    type: RespondBuyerContactResponse,
    nullable: true,
    description:
      "Whom to ask: the campaign owner, or the organization's longest-serving active admin once " +
      'the owner was deactivated; null when there is nobody',
  })
  buyerContact!: RespondBuyerContactResponse | null;
}

/** The 410 of a real link that no longer opens its questionnaire, naming whom to ask. */
export class RespondGoneResponse extends ErrorResponse {
  @ApiProperty({ example: 410 })
  declare statusCode: number;

  @ApiProperty({ example: 'Gone' })
  declare error: string;

  @ApiProperty({ example: 'This link has expired or was withdrawn; request a fresh link' })
  declare message: string;

  @ApiProperty({
    example: 'このリンクは有効期限切れか、無効になっています。新しいリンクを依頼してください',
  })
  messageJa!: string;

  @ApiProperty({
    enum: ['expired', 'revoked', 'closed'],
    description: 'closed: the campaign is closed, a fresh link would not open it either',
  })
  reason!: 'expired' | 'revoked' | 'closed';

  @ApiProperty({
    type: RespondRequesterResponse,
    nullable: true,
    description:
      'Who asked for the questionnaire and whom to contact about it (null only if the ' +
      'questionnaire was deleted meanwhile)',
  })
  requester!: RespondRequesterResponse | null;
}

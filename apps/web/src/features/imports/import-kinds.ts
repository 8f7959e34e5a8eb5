import { IMPORT_KINDS, type ImportKind } from '@carebridge/contracts';
import type { MessageKey } from '../../app/messages';

export { IMPORT_KINDS };

export const kindLabel = (kind: ImportKind): MessageKey => `imports.kind.${kind}`;
export const kindHint = (kind: ImportKind): MessageKey => `imports.kindHint.${kind}`;

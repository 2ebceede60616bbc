import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { PUBLIC_OPERATION } from '../http/api-errors';

export const IS_PUBLIC = 'isPublic';

/**
 * Opens a route to requests without a token; every other route needs one. The
 * OpenAPI document says so too (`security: []`, see completeDocument).
 */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_OPERATION, true));

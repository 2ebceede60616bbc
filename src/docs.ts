import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from './config/app-config';
import { completeDocument, HttpErrorDto } from './http/api-errors';
import type { Request, Response } from 'express';
import { readFileSync } from 'node:fs';

/**
 * ReDoc's bundle, without the one thing it fetches from another host (the
 * "API docs by Redocly" logo; the image hides itself when it cannot load).
 */
let redocBundle: string | undefined;
const loadRedocBundle = () =>
  (redocBundle ??= readFileSync(require.resolve('redoc/bundles/redoc.standalone.js'), 'utf8').replaceAll(
    'https://cdn.redoc.ly/redoc/logo-mini.svg',
    'data:,',
  ));

const REDOC_PAGE = `<!DOCTYPE html>
<html>
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Social API - ReDoc</title>
  </head>
  <body>
    <redoc spec-url="/openapi.json"></redoc>
    <script src="/redoc/redoc.standalone.js"></script>
  </body>
</html>`;

/** The name of the security scheme; FastAPI's is OAuth2PasswordBearer, Nest's default "oauth2". */
const OAUTH2 = 'oauth2';

/**
 * The OpenAPI document of the app's controllers. It needs no database: the typed
 * client's generator (client/scripts/generate.mjs) builds it from an app made with
 * `preview: true`, which instantiates nothing.
 */
export function openApiDocument(app: INestApplication, config: AppConfig): OpenAPIObject {
  return completeDocument(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Social API')
        .setDescription('Users, posts and votes. Log in with "Authorize" (e-mail as username) to try the protected routes.')
        .setVersion('1.0.0')
        .setLicense('MIT', 'https://opensource.org/licenses/MIT')
        // Relative: the document is served by the API it describes, wherever that is deployed.
        .addServer('/', 'This server')
        // tokenUrl "login" as in FastAPI: Swagger UI's Authorize posts the e-mail and password there;
        // the same route takes the refresh grant.
        .addOAuth2({ type: 'oauth2', flows: { password: { tokenUrl: 'login', refreshUrl: 'login', scopes: {} } } }, OAUTH2)
        .build(),
      // FastAPI leaves untagged routes (GET /) untagged; Nest would invent an "App" tag.
      { autoTagControllers: false, extraModels: [HttpErrorDto] },
    ),
    OAUTH2,
    config,
  );
}

/**
 * Swagger UI at /docs, ReDoc at /redoc and the OpenAPI document at /openapi.json,
 * all served from npm packages so the pages work without internet access.
 */
export function setUpDocs(app: INestApplication, config: AppConfig): void {
  const document = openApiDocument(app, config);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    raw: ['json'],
    customSiteTitle: 'Social API - Swagger UI',
    swaggerOptions: { persistAuthorization: true },
  });
  const http = app.getHttpAdapter();
  http.get('/redoc', (_req: Request, res: Response) => res.type('html').send(REDOC_PAGE));
  http.get('/redoc/redoc.standalone.js', (_req: Request, res: Response) => res.type('js').send(loadRedocBundle()));
}

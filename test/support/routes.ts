import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { IS_PUBLIC, isOpen } from '../../src/auth/public.decorator';
import type { AppConfig } from '../../src/config/app-config';
import { APP_CONFIG } from '../../src/config/config.provider';

export interface Route {
  method: string;
  /** OpenAPI-style: `/posts/{id}`. */
  path: string;
  /** Open to requests without a token under the app's config (`@Public()` on the handler or its controller). */
  public: boolean;
}

/** Every route the app's controllers declare, read from Nest's own metadata. */
export function routesOf(app: INestApplication): Route[] {
  const routes: Route[] = [];
  const config = app.get<AppConfig>(APP_CONFIG);
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (!metatype) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
      const proto = (metatype as { prototype: object }).prototype;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = (proto as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const own = String(Reflect.getMetadata(PATH_METADATA, handler));
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod].toLowerCase();
        const path = `/${[base, own].map((p) => p.replace(/^\/|\/$/g, '')).filter(Boolean).join('/')}`.replace(/:(\w+)/g, '{$1}');
        const isPublic = isOpen(Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, metatype), config);
        routes.push({ method, path, public: isPublic });
      }
    }
  }
  return routes;
}

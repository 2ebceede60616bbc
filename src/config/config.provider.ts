import { Inject } from '@nestjs/common';
import { getConfigToken, registerAs } from '@nestjs/config';
import { AppConfig } from './app-config';

const NAMESPACE = 'app';

/** Registers the validated config as the `app` namespace of @nestjs/config. */
export const appConfigLoader = (config: AppConfig) => registerAs(NAMESPACE, (): AppConfig => config);

export const APP_CONFIG = getConfigToken(NAMESPACE);

/** Injects the typed, validated config (nothing else reads process.env). */
export const InjectConfig = () => Inject(APP_CONFIG);

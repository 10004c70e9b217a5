import 'reflect-metadata';
import { loadEnvironmentOrExit } from '@kakehashi/config';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const env = loadEnvironmentOrExit();
  const app = await createApiApp();
  await app.listen({ port: env.PORT, host: '0.0.0.0' });
}

void main();

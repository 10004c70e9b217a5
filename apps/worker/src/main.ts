import 'reflect-metadata';
import { loadEnvironmentOrExit } from '@kakehashi/config';
import { createWorkerApp } from './bootstrap';

async function main(): Promise<void> {
  loadEnvironmentOrExit();
  const app = await createWorkerApp();
  await app.init();
}

void main();

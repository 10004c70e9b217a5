export * from './auth.module';
export * from './auth.service';
export * from './authenticated-user';
export * from './decorators';
export * from './guards';
export * from './passwords';
export * from './session.service';
export * from './assessment-links';

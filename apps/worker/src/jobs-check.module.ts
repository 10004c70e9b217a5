import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { checkJobHandlers, DeclaredProcessor } from './jobs-check';

// The metadata key @nestjs/bullmq's @Processor() writes (its constants are not exported).
const PROCESSOR_METADATA = 'bullmq:processor_metadata';

/** Fails the worker's boot, naming the problem, when a job would have no handler or two. */
@Injectable()
export class JobsCheck implements OnModuleInit {
  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    const processors: DeclaredProcessor[] = [];
    const seen = new Set<unknown>();
    for (const wrapper of this.discovery.getProviders()) {
      const type = wrapper.metatype as { name: string; handles?: readonly string[] } | null;
      if (!type || seen.has(type)) continue;
      const meta = Reflect.getMetadata(PROCESSOR_METADATA, type) as { name?: string } | undefined;
      if (!meta?.name) continue;
      seen.add(type);
      processors.push({ className: type.name, queue: meta.name, handles: type.handles });
    }
    checkJobHandlers(processors);
  }
}

@Module({ imports: [DiscoveryModule], providers: [JobsCheck] })
export class JobsCheckModule {}

/** The factory of serving architectures over one {@link PopLayerModel}. */
import { DaisyChainArchitecture } from './daisy-chain.js';
import { EdgeArchitecture } from './edge.js';
import { GlobalHashArchitecture } from './global-hash.js';
import type { PopLayerModel } from './pop-layer-model.js';
import { QuicLbArchitecture } from './quic-lb.js';
import type { ArchitectureName, ServingArchitecture } from './serving-architecture.js';
import { UnicastDnsArchitecture } from './unicast-dns.js';
import { UnicastHandoffArchitecture } from './unicast-handoff.js';

/**
 * The named architecture over `popLayerModel`. Every architecture of one run shares the model,
 * so a session judged under all of them sees the same churn and outages (common random numbers).
 */
export function createArchitecture(name: ArchitectureName, popLayerModel: PopLayerModel): ServingArchitecture {
  switch (name) {
    case 'edge':
      return new EdgeArchitecture(popLayerModel);
    case 'global-hash':
      return new GlobalHashArchitecture(popLayerModel);
    case 'daisy-chain':
      return new DaisyChainArchitecture(popLayerModel);
    case 'quic-lb':
      return new QuicLbArchitecture(popLayerModel);
    case 'unicast-handoff':
      return new UnicastHandoffArchitecture(popLayerModel);
    case 'unicast-dns':
      return new UnicastDnsArchitecture(popLayerModel);
  }
}

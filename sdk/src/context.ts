import type { ContractRunner } from "ethers";

import type { ModelLaunchFactory, ModelRegistry } from "./contracts.js";
import type { Deployment } from "./deployments.js";
import type { IpfsBackend } from "./ipfs/types.js";

/**
 * What every SDK action works with: the runner (a Signer to write, a Provider to read), the protocol's
 * contracts bound to it, and an IPFS backend when the action moves content.
 */
export interface ProtocolContext {
  runner: ContractRunner;
  registry: ModelRegistry;
  factory: ModelLaunchFactory;
  ipfs?: IpfsBackend;
  /** Where the contracts are; event scans start at their deployment blocks. */
  deployment?: Deployment;
}

/**
 * The block from which to scan the launch factory's events: the one given, else the factory's deployment
 * block, else the chain's start. Starting at the deployment keeps scans within public RPCs' log-range limits.
 */
export function launchScanStart(context: ProtocolContext, fromBlock?: number): number {
  return fromBlock ?? context.deployment?.contracts.ModelLaunchFactory.blockNumber ?? 0;
}

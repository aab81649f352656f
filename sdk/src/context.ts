import type { ContractRunner } from "ethers";

import type { ModelLaunchFactory, ModelRegistry } from "./contracts.js";
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
}

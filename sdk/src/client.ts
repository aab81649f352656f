import type { ContractRunner } from "ethers";

import { ModelRegistry__factory, type ModelRegistry } from "./contracts.js";
import type { Deployment } from "./deployments.js";
import type { IpfsBackend } from "./ipfs/types.js";
import * as registryActions from "./registry/actions.js";
import type { RegistryContext } from "./registry/actions.js";

/** What {@link createClient} needs. */
export interface ClientConfig {
  /** Any ethers v6 runner: a Signer to write, a Provider to read only. */
  runner: ContractRunner;
  /** The protocol's addresses on the runner's chain (see `readDeployment`). */
  deployment: Deployment;
  /** Where weights and model cards are stored; needed to publish, register with a card, and pull. */
  ipfs?: IpfsBackend;
}

type Bound<F> = F extends (context: RegistryContext, ...args: infer A) => infer R ? (...args: A) => R : never;

/** The registry actions with their context bound. */
export type RegistryClient = { [K in keyof typeof registryActions as (typeof registryActions)[K] extends (
  context: RegistryContext,
  ...args: never[]
) => unknown
  ? K
  : never]: Bound<(typeof registryActions)[K]> };

/** The SDK's entry point: contracts and IPFS bound once, actions grouped by protocol module. */
export interface Client {
  readonly deployment: Deployment;
  readonly ipfs?: IpfsBackend;
  readonly contracts: { readonly registry: ModelRegistry };
  readonly registry: RegistryClient;
}

/**
 * Binds the SDK's actions to a runner, a deployment and an IPFS backend. The client holds no state of its
 * own: every action is also exported as a plain function taking the context first.
 *
 * @example
 * import { JsonRpcProvider, Wallet } from "ethers";
 * import { createClient, createEmbeddedIpfs, readDeployment } from "open-model-registry/sdk";
 *
 * const provider = new JsonRpcProvider("http://127.0.0.1:8545");
 * const client = createClient({
 *   runner: new Wallet(process.env.PRIVATE_KEY!, provider),
 *   deployment: await readDeployment("deployments/localhost.json"),
 *   ipfs: await createEmbeddedIpfs({ directory: ".ipfs" }),
 * });
 * const model = await client.registry.getModel("face-landmark-68");
 */
export function createClient(config: ClientConfig): Client {
  const registry = ModelRegistry__factory.connect(config.deployment.contracts.ModelRegistry.address, config.runner);
  const context: RegistryContext = { registry, ipfs: config.ipfs };
  const bound: Record<string, unknown> = {};
  for (const [name, action] of Object.entries(registryActions)) {
    if (typeof action === "function") {
      bound[name] = (...args: unknown[]) => (action as (c: RegistryContext, ...a: unknown[]) => unknown)(context, ...args);
    }
  }
  return { deployment: config.deployment, ipfs: config.ipfs, contracts: { registry }, registry: bound as RegistryClient };
}

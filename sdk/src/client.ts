import type { ContractRunner } from "ethers";

import { ModelLaunchFactory__factory, ModelRegistry__factory, type ModelLaunchFactory, type ModelRegistry } from "./contracts.js";
import type { ProtocolContext } from "./context.js";
import type { Deployment } from "./deployments.js";
import type { IpfsBackend } from "./ipfs/types.js";
import * as governanceActions from "./governance/actions.js";
import * as launchActions from "./offering/launch.js";
import * as offeringActions from "./offering/actions.js";
import * as registryActions from "./registry/actions.js";
import * as commitmentActions from "./registry/commitments.js";
import * as revenueActions from "./revenue/actions.js";
import * as subnetActions from "./subnets/actions.js";

/** What {@link createClient} needs. */
export interface ClientConfig {
  /** Any ethers v6 runner: a Signer to write, a Provider to read only. */
  runner: ContractRunner;
  /** The protocol's addresses on the runner's chain (see `readDeployment`). */
  deployment: Deployment;
  /** Where weights and model cards are stored; needed to publish, register with a card, and pull. */
  ipfs?: IpfsBackend;
}

/** A module's actions with the context bound: `fn(context, ...args)` becomes `fn(...args)`. */
export type Bound<M> = {
  [K in keyof M as M[K] extends (context: ProtocolContext, ...args: never[]) => unknown ? K : never]: M[K] extends (
    context: ProtocolContext,
    ...args: infer A
  ) => infer R
    ? (...args: A) => R
    : never;
};

/** The SDK's entry point: contracts and IPFS bound once, actions grouped by protocol module. */
export interface Client {
  readonly deployment: Deployment;
  readonly ipfs?: IpfsBackend;
  readonly contracts: { readonly registry: ModelRegistry; readonly factory: ModelLaunchFactory };
  readonly registry: Bound<typeof registryActions & typeof commitmentActions>;
  readonly offering: Bound<typeof offeringActions & typeof launchActions>;
  readonly revenue: Bound<typeof revenueActions>;
  readonly governance: Bound<typeof governanceActions>;
  /** Subnets (needs a deployment that records the subnets contract). */
  readonly subnets: Bound<typeof subnetActions>;
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
  const { runner, deployment, ipfs } = config;
  const context: ProtocolContext = {
    runner,
    ipfs,
    deployment,
    registry: ModelRegistry__factory.connect(deployment.contracts.ModelRegistry.address, runner),
    factory: ModelLaunchFactory__factory.connect(deployment.contracts.ModelLaunchFactory.address, runner),
  };
  return {
    deployment,
    ipfs,
    contracts: { registry: context.registry, factory: context.factory },
    registry: bind({ ...registryActions, ...commitmentActions }, context),
    offering: bind({ ...offeringActions, ...launchActions }, context),
    revenue: bind(revenueActions, context),
    governance: bind(governanceActions, context),
    subnets: bind(subnetActions, context),
  };
}

function bind<M extends object>(module: M, context: ProtocolContext): Bound<M> {
  const bound: Record<string, unknown> = {};
  for (const [name, action] of Object.entries(module)) {
    // Actions are functions named in lower camel case; classes (errors) are not bound.
    if (typeof action === "function" && /^[a-z]/.test(name)) {
      bound[name] = (...args: unknown[]) => (action as (c: ProtocolContext, ...a: unknown[]) => unknown)(context, ...args);
    }
  }
  return bound as Bound<M>;
}

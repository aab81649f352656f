import path from "node:path";

import type { ContractTransaction } from "ethers";

import type { ProtocolContext } from "../context.js";
import { BondingCurve__factory } from "../contracts.js";
import { SignerRequiredError } from "../errors.js";
import { getModel } from "../registry/reads.js";
import type { ModelCard, WriteResult } from "../registry/types.js";
import { publishVersion, registerModel } from "../registry/writes.js";
import { io } from "./internal.js";
import { planCurveLaunch, type CurveLaunchPlan } from "./curve-plan.js";
import { planLaunch, type LaunchPlan, type PlanLaunchParameters } from "./plan.js";

// Launching an Initial Model Offering or a bonding curve: registering the model first when asked to, approving the
// factory for it, then one transaction that creates the token, the sale (or the curve), the vesting wallets and the DAO.

/** Parameters of {@link launchOffering}. */
export interface LaunchOfferingParameters extends PlanLaunchParameters {
  /** Upload progress when the model's weights are published first. */
  onProgress?: (progress: { bytes: number; total: number }) => void;
  /** A plan already made from the same parameters (it was shown to someone): reused instead of made again. */
  plan?: LaunchPlan;
}

/** The contracts of a launch, as {@link launchOffering} returns them. */
export interface LaunchResult {
  model: bigint;
  token: string;
  offering: string;
  governor: string;
  timelock: string;
  vestingWallets: string[];
  plan: LaunchPlan;
}

/**
 * Builds the launch transaction of a planned launch whose model is registered, without sending it. The sender
 * must own the model and have approved the factory for it in the registry.
 *
 * @example
 * import { createClient, readDeployment, readLaunchConfig } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const plan = await client.offering.planLaunch(await readLaunchConfig("launch.json"));
 * const transaction = await client.offering.prepareLaunchOffering(plan);
 */
export async function prepareLaunchOffering(context: ProtocolContext, plan: LaunchPlan): Promise<ContractTransaction> {
  return context.factory.launch.populateTransaction(plan.params);
}

/**
 * Launches an Initial Model Offering from a configuration, in as few transactions as the state allows: it
 * registers the model (and publishes its weights) when asked to, approves the factory for the model's NFT,
 * then launches token, sale, vesting wallets and DAO in one transaction.
 *
 * @example
 * import { createClient, readDeployment, readLaunchConfig } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { config, baseDir } = await readLaunchConfig("launch.json");
 * const { result } = await client.offering.launchOffering({ config, baseDir });
 * console.log(result.offering, result.timelock);
 */
export async function launchOffering(
  context: ProtocolContext,
  parameters: LaunchOfferingParameters,
): Promise<WriteResult<LaunchResult>> {
  let plan = parameters.plan ?? (await planLaunch(context, parameters));
  if (plan.registerFirst) {
    await registerFirst(context, parameters);
    plan = await planLaunch(context, { ...parameters, now: parameters.now });
  }
  const factoryAddress = await approveFactory(context, parameters.config.model.slug);
  const receipt = await io.send(context, await prepareLaunchOffering(context, plan), "Launching");
  const { args } = io.findEvent(receipt, factoryAddress, "ModelLaunched");
  return {
    receipt,
    result: {
      model: args.model as bigint,
      token: args.token as string,
      offering: args.offering as string,
      governor: args.governor as string,
      timelock: args.timelock as string,
      vestingWallets: [...(args.vestingWallets as string[])],
      plan,
    },
  };
}

/** Registers the model of a configuration (and publishes its weights) when the configuration asks to. */
async function registerFirst(
  context: ProtocolContext,
  parameters: {
    config: PlanLaunchParameters["config"];
    baseDir?: string;
    onProgress?: LaunchOfferingParameters["onProgress"];
  },
): Promise<void> {
  const { config } = parameters;
  if (!context.runner.sendTransaction) throw new SignerRequiredError("Launching");
  const register = config.model.register!;
  await registerModel(context, {
    slug: config.model.slug,
    license: register.license,
    card: (register.card as ModelCard | undefined) ?? { name: config.token.name },
  });
  if (register.weights) {
    await publishVersion(context, {
      model: config.model.slug,
      tag: register.tag ?? "v1.0.0",
      weights: path.resolve(parameters.baseDir ?? process.cwd(), register.weights),
      onProgress: parameters.onProgress,
    });
  }
}

/** Approves the factory for the model's NFT unless it is approved already; returns the factory's address. */
async function approveFactory(context: ProtocolContext, slug: string): Promise<string> {
  if (!context.runner.sendTransaction) throw new SignerRequiredError("Launching");
  const model = await getModel(context, slug);
  const factoryAddress = await context.factory.getAddress();
  const approved = await context.registry.getApproved(model.id);
  if (approved !== factoryAddress && !(await context.registry.isApprovedForAll(model.owner, factoryAddress))) {
    await io.send(context, await context.registry.approve.populateTransaction(factoryAddress, model.id), "Launching");
  }
  return factoryAddress;
}

/** Parameters of {@link launchCurve}. */
export interface LaunchCurveParameters extends PlanLaunchParameters {
  /** Upload progress when the model's weights are published first. */
  onProgress?: (progress: { bytes: number; total: number }) => void;
  /** A plan already made from the same parameters (it was shown to someone): reused instead of made again. */
  plan?: CurveLaunchPlan;
}

/** The contracts of a curve launch, as {@link launchCurve} returns them. */
export interface CurveLaunchResult {
  model: bigint;
  token: string;
  /** The bonding curve (the factory records it as the launch's offering). */
  curve: string;
  governor: string;
  timelock: string;
  vestingWallets: string[];
  /** The pool the curve graduates into (excluded from revenue from launch). */
  pool: string;
  plan: CurveLaunchPlan;
}

/**
 * Builds the curve launch transaction of a planned curve launch whose model is registered, without sending it. The
 * sender must own the model and have approved the factory for it in the registry.
 *
 * @example
 * import { createClient, readDeployment, readLaunchConfig } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const plan = await client.offering.planCurveLaunch(await readLaunchConfig("deploy/launches/face-landmark-68-tiny.json"));
 * const transaction = await client.offering.prepareLaunchCurve(plan);
 */
export async function prepareLaunchCurve(
  context: ProtocolContext,
  plan: CurveLaunchPlan,
): Promise<ContractTransaction> {
  return context.factory.launchCurve.populateTransaction(plan.params);
}

/**
 * Launches a model on a bonding curve from a configuration (`type` "curve"), in as few transactions as the state
 * allows: it registers the model (and publishes its weights) when asked to, approves the factory for the model's NFT,
 * then launches token, curve, vesting wallets and DAO in one transaction ({@link planCurveLaunch} says what it does).
 *
 * @example
 * import { createClient, readDeployment, readLaunchConfig } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { config, baseDir } = await readLaunchConfig("deploy/launches/face-landmark-68-tiny.json");
 * const { result } = await client.offering.launchCurve({ config, baseDir });
 * console.log(result.curve, result.pool);
 */
export async function launchCurve(
  context: ProtocolContext,
  parameters: LaunchCurveParameters,
): Promise<WriteResult<CurveLaunchResult>> {
  let plan = parameters.plan ?? (await planCurveLaunch(context, parameters));
  if (plan.registerFirst) {
    await registerFirst(context, parameters);
    plan = await planCurveLaunch(context, { ...parameters, now: parameters.now });
  }
  const factoryAddress = await approveFactory(context, parameters.config.model.slug);
  const receipt = await io.send(context, await prepareLaunchCurve(context, plan), "Launching");
  const { args } = io.findEvent(receipt, factoryAddress, "ModelLaunched");
  const curve = BondingCurve__factory.connect(args.offering as string, context.runner);
  return {
    receipt,
    result: {
      model: args.model as bigint,
      token: args.token as string,
      curve: args.offering as string,
      governor: args.governor as string,
      timelock: args.timelock as string,
      vestingWallets: [...(args.vestingWallets as string[])],
      pool: await curve.pool(),
      plan,
    },
  };
}

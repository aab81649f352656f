import { expect } from "chai";
import type { BigNumberish, Interface, ParamType, Signer } from "ethers";

import {
  decodeRevert,
  knownRevertNames,
  ModelLaunchFactory__factory,
  ModelRegistry__factory,
  type ContractRevertError,
  type Deployment,
} from "../../sdk/src/index.js";
import * as sdk from "../../sdk/src/index.js";
import type { IModelLaunchFactory } from "../../types/typechain/index.js";
import { cidOf, DAY } from "../fixtures/constants.js";
import { launchParams, type LaunchOverrides } from "../fixtures/launch.js";

// What the SDK tests share: the error a call that must fail gives, the check that a contract's custom errors
// each have their class and sentence, and a launch made through the contracts themselves, as setup, so that
// only the module under test goes through the SDK.

/** What `promise` rejected with; the test fails if it fulfils. */
export const failure = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => expect.fail("should have failed"),
    (error: unknown) => error,
  );

/** `owner` registers `slug` (MIT, the card CID of the slug); gives back the model's id. */
export async function registerSlug(deployment: Deployment, owner: Signer, slug: string): Promise<bigint> {
  const registry = ModelRegistry__factory.connect(deployment.contracts.ModelRegistry.address, owner);
  await (await registry.register(slug, cidOf(slug), "MIT")).wait();
  return (await registry.getModelBySlug(slug)).id;
}

/**
 * `owner` registers `slug` as {@link registerSlug} does and launches it as {@link launchParams} writes
 * `overrides` out, with a sale of one day opening 1,000 seconds after the registration unless `overrides.start`
 * is given. The owner must have approved the factory as an operator of its models.
 */
export async function registerAndLaunch(
  deployment: Deployment,
  owner: Signer,
  slug: string,
  overrides: Omit<LaunchOverrides, "model" | "start"> & { start?: BigNumberish },
): Promise<IModelLaunchFactory.LaunchStructOutput> {
  const factory = ModelLaunchFactory__factory.connect(deployment.contracts.ModelLaunchFactory.address, owner);
  const model = await registerSlug(deployment, owner, slug);
  const start = BigInt(overrides.start ?? (await owner.provider!.getBlock("latest"))!.timestamp + 1_000);
  const params = launchParams({ ...overrides, model, start, sale: { end: start + BigInt(DAY), ...overrides.sale } });
  await (await factory.launch(params)).wait();
  return factory.launchOf(model);
}

/** A value of the parameter's type, to encode any custom error. */
function sample(param: ParamType): unknown {
  if (param.baseType === "address") return "0x000000000000000000000000000000000000dEaD";
  if (param.baseType === "bool") return true;
  if (param.baseType.startsWith("bytes"))
    return param.baseType === "bytes" ? "0x01" : `0x${"01".repeat(Number(param.baseType.slice(5)))}`;
  if (param.baseType === "string") return "text";
  if (param.baseType === "array") return [];
  if (param.baseType === "tuple") return param.components!.map(sample);
  return 1n;
}

/**
 * Checks every custom error of `contract` (its interface `iface`): the SDK knows its name, exports an
 * `<name>Error` class, and decodes the revert into that class with a sentence of its own rather than the generic
 * fallback. Gives back the names of the errors checked.
 */
export function expectEveryErrorNamed(contract: string, iface: Interface): string[] {
  const exported = sdk as unknown as Record<string, unknown>;
  const names: string[] = [];
  iface.forEachError((fragment) => {
    names.push(fragment.name);
    expect(knownRevertNames(), `${contract}: ${fragment.name}`).to.include(fragment.name);
    const errorClass = exported[`${fragment.name}Error`] as (new (...args: never[]) => unknown) | undefined;
    expect(errorClass, `${contract}: ${fragment.name}Error is not exported`).to.be.a("function");
    const data = iface.encodeErrorResult(fragment, fragment.inputs.map(sample));
    const decoded = decodeRevert({ code: "CALL_EXCEPTION", data }, [iface]);
    expect(decoded, fragment.name).to.be.instanceOf(errorClass!);
    expect((decoded as Error).name, fragment.name).to.equal(`${fragment.name}Error`);
    expect((decoded as ContractRevertError).shortMessage)
      .to.match(/\.$/)
      .and.not.contain("The contract refused the call");
  });
  return names;
}

/** Every contract the SDK binds (each `<name>__factory` it exports), by name, with its interface. */
export function boundContracts(): [string, Interface][] {
  return Object.entries(sdk)
    .filter(([name]) => name.endsWith("__factory"))
    .map(([name, factory]) => [
      name.slice(0, -"__factory".length),
      (factory as { createInterface(): Interface }).createInterface(),
    ]);
}

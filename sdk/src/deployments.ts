import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";

import { getAddress } from "ethers";

import { SdkError } from "./errors.js";

/** Where one contract of the protocol lives on one chain. */
export interface DeployedContract {
  address: string;
  /** Block of the deployment transaction: where event scans start. */
  blockNumber: number;
}

/** The protocol's addresses on one chain, as `deploy/` records them. */
export interface Deployment {
  chainId: number;
  /** The Hardhat network name it was deployed with, for people reading the file. */
  network: string;
  contracts: {
    ModelRegistry: DeployedContract;
    ModelLaunchFactory: DeployedContract;
    /** The protocol DAO (its token, governor and timelock, which owns the launch factory's parameters); absent
     * from files written before the protocol had a DAO. */
    ProtocolToken?: DeployedContract;
    ProtocolGovernor?: DeployedContract;
    ProtocolTimelock?: DeployedContract;
    /** The subnets contract (Yuma consensus competitions); absent from files written before the protocol had subnets. */
    Subnets?: DeployedContract;
    /** The network emission (the protocol token's emission, split across subnets by vote); absent from files
     * written before the protocol had one. */
    NetworkEmission?: DeployedContract;
    /** Promotion (a bound subnet's winning candidate published as its model's next version); absent from files
     * written before the protocol had it. */
    Promotion?: DeployedContract;
    /** Where launches lock their pools' shares; absent from files written before the protocol had markets. */
    LiquidityLock?: DeployedContract;
    /** The chain's Uniswap V2 (deployed with the protocol where the chain had none); absent from older files. */
    UniswapV2Factory?: DeployedContract;
    UniswapV2Router02?: DeployedContract;
    WETH9?: DeployedContract;
  };
}

/** The deployments file is missing or does not describe the chain it is used with. */
export class DeploymentError extends SdkError {}

/** The folder that holds one `<network>.json` per deployed chain, unless `DEPLOYMENTS_DIR` names another. */
export const DEPLOYMENTS_DIR = "deployments";

/**
 * The path of the deployments file of `network`: `<dir>/<network>.json`, where `dir` defaults to the
 * `DEPLOYMENTS_DIR` environment variable, else `deployments`.
 *
 * @example
 * import { deploymentFile } from "open-model-registry/sdk";
 * deploymentFile("localhost"); // "deployments/localhost.json"
 */
export function deploymentFile(network: string, dir = process.env.DEPLOYMENTS_DIR ?? DEPLOYMENTS_DIR): string {
  return path.join(dir, `${network}.json`);
}

/**
 * Reads a deployments file, checking its shape and, when given, that it is for `chainId`.
 *
 * @example
 * import { readDeployment } from "open-model-registry/sdk";
 * const deployment = await readDeployment("deployments/localhost.json", 31337);
 */
export async function readDeployment(file: string, chainId?: number): Promise<Deployment> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (cause) {
    throw new DeploymentError(`No deployment found at ${file}.`, {
      cause,
      details: "Deploy the protocol to this network first: npx hardhat protocol deploy --network <name>",
    });
  }
  const deployment = parseDeployment(JSON.parse(text) as unknown, file);
  if (chainId !== undefined && deployment.chainId !== chainId) {
    throw new DeploymentError(`${file} is for chain ${deployment.chainId}, but the network is chain ${chainId}.`);
  }
  return deployment;
}

/**
 * Writes a deployments file atomically (a reader never sees half a file).
 *
 * @example
 * import { writeDeployment } from "open-model-registry/sdk";
 * await writeDeployment("deployments/localhost.json", deployment);
 */
export async function writeDeployment(file: string, deployment: Deployment): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(deployment, null, 2)}\n`);
  await rename(temporary, file);
}

function parseDeployment(value: unknown, source: string): Deployment {
  const fail = (what: string): never => {
    throw new DeploymentError(`${source} is not a valid deployments file: ${what}.`);
  };
  if (typeof value !== "object" || value === null) return fail("not a JSON object");
  const { chainId, network, contracts } = value as Partial<Deployment>;
  if (typeof chainId !== "number") fail("chainId is missing");
  const entry = (name: keyof Deployment["contracts"]): DeployedContract => {
    const found = contracts?.[name];
    if (!found || typeof found.address !== "string") return fail(`contracts.${name}.address is missing`);
    return { address: getAddress(found.address), blockNumber: Number(found.blockNumber ?? 0) };
  };
  const optional = (name: Exclude<keyof Deployment["contracts"], "ModelRegistry" | "ModelLaunchFactory">) =>
    contracts?.[name] === undefined ? {} : { [name]: entry(name) };
  return {
    chainId: chainId as number,
    network: typeof network === "string" ? network : "unknown",
    contracts: {
      ModelRegistry: entry("ModelRegistry"),
      ModelLaunchFactory: entry("ModelLaunchFactory"),
      ...optional("ProtocolToken"),
      ...optional("ProtocolGovernor"),
      ...optional("ProtocolTimelock"),
      ...optional("Subnets"),
      ...optional("NetworkEmission"),
      ...optional("Promotion"),
      ...optional("LiquidityLock"),
      ...optional("UniswapV2Factory"),
      ...optional("UniswapV2Router02"),
      ...optional("WETH9"),
    },
  };
}

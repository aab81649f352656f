import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";

import { getAddress, type Provider } from "ethers";

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
  /**
   * The hash of the chain's block 0, which tells two chains with the same id apart (a restarted `hardhat node` is a
   * new chain with id 31337); absent from files written before it was recorded.
   */
  genesisHash?: string;
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
 * Checks that `deployment` (read from `file`) describes the chain `provider` is connected to: the same chain id, the
 * same block 0 when the file records it, and code at the registry's and the launch factory's addresses. Throws a
 * {@link DeploymentError} whose sentence names the file and the fix, so that nothing is sent to a chain the
 * addresses do not belong to (a restarted development node, another network).
 *
 * @example
 * import { checkDeployment, readDeployment } from "open-model-registry/sdk";
 * await checkDeployment(provider, await readDeployment("deployments/localhost.json"), "deployments/localhost.json");
 */
export async function checkDeployment(provider: Provider, deployment: Deployment, file: string): Promise<void> {
  const stale = (why: string) =>
    new DeploymentError(`The deployment in ${file} is from another chain: run \`protocol deploy\`.`, {
      details: why,
    });
  const chainId = Number((await provider.getNetwork()).chainId);
  if (deployment.chainId !== chainId) {
    throw stale(`The file is for chain ${deployment.chainId}; the network is chain ${chainId}.`);
  }
  if (deployment.genesisHash !== undefined) {
    const genesis = (await provider.getBlock(0))?.hash;
    if (genesis && genesis.toLowerCase() !== deployment.genesisHash.toLowerCase()) {
      throw stale(
        `The file was written on a chain whose block 0 is ${deployment.genesisHash}; this one's is ${genesis}.`,
      );
    }
  }
  for (const name of ["ModelRegistry", "ModelLaunchFactory"] as const) {
    const { address } = deployment.contracts[name];
    if ((await provider.getCode(address)) === "0x") throw stale(`${name} has no code at ${address} on this chain.`);
  }
}

/**
 * The block in which the contract at `address` was created, between `from` and `to` (inclusive): the first block at
 * whose end it has code. `fallback` (by default `from`) when the node cannot answer for past blocks (a node that keeps
 * no history).
 */
export async function creationBlock(
  provider: Provider,
  address: string,
  from: number,
  to: number,
  fallback = from,
): Promise<number> {
  let low = from;
  let high = to;
  try {
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      if ((await provider.getCode(address, middle)) === "0x") low = middle + 1;
      else high = middle;
    }
    return low;
  } catch {
    return fallback;
  }
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
  const { genesisHash } = value as Partial<Deployment>;
  return {
    chainId: chainId as number,
    ...(typeof genesisHash === "string" ? { genesisHash } : {}),
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

import type { NetworkConnection } from "hardhat/types/network";

import {
  creationBlock,
  DeploymentError,
  deploymentFile,
  writeDeployment,
  type Deployment,
} from "../sdk/src/deployments.js";
import ProtocolModule from "./modules/Protocol.js";
import UniswapModule from "./modules/Uniswap.js";
import { PAIR_CODE_HASH, UNISWAP } from "./uniswap.js";

/** Options of {@link deployProtocol}. */
export interface DeployProtocolOptions {
  /** Write `deployments/<network>.json` for the SDK and CLI; off for the in-process chain, which vanishes. */
  record?: boolean;
  /** Show Ignition's progress display. */
  displayUi?: boolean;
  /**
   * Ignition parameters, e.g. `{ Protocol: { feeBps: 100, feeRecipient: "0x..." } }`. On a chain that has Uniswap V2,
   * `{ Uniswap: { router: "0x...", pairCodeHash: "0x..." } }` names its Router02 (its factory and WETH are read from it;
   * the pair code hash defaults to the published one, which forks of Uniswap V2 change); otherwise Uniswap
   * V2 is deployed from its published build files.
   */
  parameters?: Record<string, Record<string, unknown>>;
}

/** The protocol token's supply on development chains when none is given: 10,000,000 tokens. */
export const DEV_PROTOCOL_TOKEN_SUPPLY = 10_000_000n * 10n ** 18n;
/** How many of the development accounts share it, equally. */
export const DEV_PROTOCOL_TOKEN_HOLDERS = 4;
/** The network emission's reserve on development chains: 4,000,000 tokens, minted beside the holders' supply to the
 * deploying account, which the deployment moves to the emission contract. */
export const DEV_EMISSION_RESERVE = 4_000_000n * 10n ** 18n;

/**
 * Deploys (or resumes deploying) the protocol on the connection's chain with Hardhat Ignition, and records the
 * addresses where the SDK and the CLI look for them.
 *
 * Ignition keeps its journal per chain under `deploy/deployments/<id>`, so an interrupted deployment resumes
 * and a finished one is not repeated. Development nodes (chain 31337) start empty on every run, so their
 * journal is keyed by the node's genesis block as well, and a restarted node gets a fresh deployment.
 */
export async function deployProtocol(
  connection: NetworkConnection,
  options: DeployProtocolOptions = {},
): Promise<Deployment> {
  const { ethers, ignition, networkName } = connection;
  const chainId = Number((await ethers.provider.getNetwork()).chainId);
  const startBlock = await ethers.provider.getBlockNumber();
  let deploymentId = `chain-${chainId}`;
  if (chainId === 31337) {
    const genesis = await ethers.provider.getBlock(0);
    deploymentId += `-${genesis!.hash!.slice(2, 10)}`;
  }
  const parameters = { ...options.parameters, Protocol: { ...options.parameters?.Protocol } };
  if (parameters.Protocol.tokenHolders === undefined) {
    // The protocol token's distribution is a decision for each real network; development chains split a
    // default supply among their first accounts.
    if (chainId !== 31337) {
      throw new DeploymentError("The protocol token's distribution is missing.", {
        details:
          'Give it in the parameters file: { "Protocol": { "tokenHolders": ["0x..."], "tokenAmounts": ["1000000000000000000000000"] } }',
      });
    }
    const holders = (await ethers.getSigners()).slice(0, DEV_PROTOCOL_TOKEN_HOLDERS).map((s) => s.address);
    parameters.Protocol.tokenHolders = holders;
    const share = DEV_PROTOCOL_TOKEN_SUPPLY / BigInt(holders.length);
    const emission = BigInt((parameters.Protocol.emissionAmount as string | undefined) ?? DEV_EMISSION_RESERVE);
    parameters.Protocol.emissionAmount = emission.toString();
    parameters.Protocol.tokenAmounts = holders.map((_, i) => (i === 0 ? share + emission : share).toString());
  }
  // Uniswap V2 first: the sale implementation opens pools on it. A factory deployed here is handed to the protocol's
  // timelock (the only account that may switch on its fee) once the timelock exists.
  const [deployer] = await ethers.getSigners();
  const uniswap = await uniswapOf(connection, deploymentId, options, deployer.address);
  parameters.Protocol.uniswapFactory = uniswap.factory;
  parameters.Protocol.weth = uniswap.weth;
  parameters.Protocol.pairCodeHash =
    (options.parameters?.Uniswap?.pairCodeHash as string | undefined) ?? PAIR_CODE_HASH;
  const {
    registry,
    factory,
    protocolToken,
    protocolGovernor,
    protocolTimelock,
    subnets,
    emission,
    promotion,
    liquidityLock,
  } = await ignition.deploy(ProtocolModule, {
    deploymentId,
    displayUi: options.displayUi ?? false,
    parameters: parameters as never,
  });
  if (uniswap.deployed) {
    const uniswapFactory = new ethers.Contract(uniswap.factory, UNISWAP.factory.abi, deployer);
    const timelock = await protocolTimelock.getAddress();
    if ((await uniswapFactory.feeToSetter()) !== timelock) await (await uniswapFactory.setFeeToSetter(timelock)).wait();
  }
  // Each contract's creation block, where event scans start; a deployment Ignition resumed may predate this run.
  const latest = await ethers.provider.getBlockNumber();
  const at = async (address: string) => {
    const resumed = (await ethers.provider.getCode(address, startBlock)) !== "0x";
    return {
      address,
      blockNumber: await creationBlock(ethers.provider, address, resumed ? 0 : startBlock, latest, startBlock),
    };
  };
  const deployment: Deployment = {
    chainId,
    genesisHash: (await ethers.provider.getBlock(0))!.hash!,
    network: networkName,
    contracts: {
      ModelRegistry: await at(await registry.getAddress()),
      ModelLaunchFactory: await at(await factory.getAddress()),
      ProtocolToken: await at(await protocolToken.getAddress()),
      ProtocolGovernor: await at(await protocolGovernor.getAddress()),
      ProtocolTimelock: await at(await protocolTimelock.getAddress()),
      Subnets: await at(await subnets.getAddress()),
      NetworkEmission: await at(await emission.getAddress()),
      Promotion: await at(await promotion.getAddress()),
      LiquidityLock: await at(await liquidityLock.getAddress()),
      UniswapV2Factory: await at(uniswap.factory),
      UniswapV2Router02: await at(uniswap.router),
      WETH9: await at(uniswap.weth),
    },
  };
  if (options.record ?? connection.networkConfig.type !== "edr-simulated") {
    await writeDeployment(deploymentFile(networkName), deployment);
  }
  return deployment;
}

/**
 * The chain's Uniswap V2: the router the parameters name (with its factory and WETH, read from it), or Uniswap V2
 * deployed from its published build files with `feeToSetter` as the account that may switch on its fee (the deployer,
 * until it hands the role to the protocol's timelock).
 */
async function uniswapOf(
  connection: NetworkConnection,
  deploymentId: string,
  options: DeployProtocolOptions,
  feeToSetter: string,
): Promise<{ factory: string; router: string; weth: string; deployed: boolean }> {
  const { ethers, ignition } = connection;
  const named = options.parameters?.Uniswap?.router as string | undefined;
  if (named !== undefined) {
    if (!ethers.isAddress(named) || (await ethers.provider.getCode(named)) === "0x") {
      throw new DeploymentError(`The Uniswap V2 router ${named} has no code on this chain.`, {
        details: 'Name the chain\'s Router02 in the parameters file: { "Uniswap": { "router": "0x..." } }',
      });
    }
    const router = new ethers.Contract(named, UNISWAP.router.abi, ethers.provider);
    return {
      factory: await router.factory(),
      router: ethers.getAddress(named),
      weth: await router.WETH(),
      deployed: false,
    };
  }
  const { factory, router, weth } = await ignition.deploy(UniswapModule, {
    deploymentId,
    displayUi: options.displayUi ?? false,
    parameters: { Uniswap: { feeToSetter } },
  });
  return {
    factory: await factory.getAddress(),
    router: await router.getAddress(),
    weth: await weth.getAddress(),
    deployed: true,
  };
}

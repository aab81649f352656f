import { createRequire } from "node:module";

import type { Artifact } from "@nomicfoundation/ignition-core";
import { keccak256 } from "ethers";

// Where Uniswap V2 comes from: the build files `@uniswap/v2-core` and `@uniswap/v2-periphery` publish, deployed as
// they are. Read once here by the deployment, the tests and the demo, so that every one of them runs the same bytecode.

const require = createRequire(import.meta.url);

/** A published build file as an artifact (Ignition's shape, which also serves ethers: `abi` and `bytecode`). */
function published(contractName: string, path: string): Artifact {
  const file = require(path) as {
    abi: Artifact["abi"];
    bytecode: string;
    evm: { deployedBytecode: { object: string } };
  };
  const hex = (code: string) => (code.startsWith("0x") ? code : `0x${code}`);
  return {
    _format: "hh-sol-artifact-1",
    contractName,
    sourceName: path,
    abi: file.abi,
    bytecode: hex(file.bytecode),
    deployedBytecode: hex(file.evm.deployedBytecode.object),
    linkReferences: {},
    deployedLinkReferences: {},
  };
}

/** Uniswap V2's published contracts: the published router finds pairs by the published pair's init-code hash. */
export const UNISWAP = {
  factory: published("UniswapV2Factory", "@uniswap/v2-core/build/UniswapV2Factory.json"),
  pair: published("UniswapV2Pair", "@uniswap/v2-core/build/UniswapV2Pair.json"),
  router: published("UniswapV2Router02", "@uniswap/v2-periphery/build/UniswapV2Router02.json"),
  weth: published("WETH9", "@uniswap/v2-periphery/build/WETH9.json"),
};

/**
 * The hash of the published pair's creation code: CREATE2 places every pair of a factory deployed from these files at
 * an address that follows from it (the published router relies on the same hash). A chain whose Uniswap V2 was built
 * otherwise names its own in the deployment parameters (`{ "Uniswap": { "pairCodeHash": "0x..." } }`).
 */
export const PAIR_CODE_HASH = keccak256(UNISWAP.pair.bytecode);

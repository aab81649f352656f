import { createRequire } from "node:module";

import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { Artifact } from "@nomicfoundation/ignition-core";

const require = createRequire(import.meta.url);

/** A published Uniswap build file as an Ignition artifact: its bytecode deployed as it is, nothing recompiled. */
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

/**
 * Uniswap V2 for chains that have none (development chains, new networks): WETH9, the V2 factory and Router02, from
 * the build files `@uniswap/v2-core` and `@uniswap/v2-periphery` publish, deployed unchanged. The published router
 * finds pairs by the init-code hash of the published pair, so it works with this factory on any chain. On chains that
 * have Uniswap V2, `deployProtocol` takes its router's address instead (`{ "Uniswap": { "router": "0x..." } }`).
 *
 * Parameters (under `Uniswap`): `feeToSetter`, who may switch on the V2 protocol fee (the protocol's timelock, so
 * that no key can).
 */
export default buildModule("Uniswap", (m) => {
  const weth = m.contract("WETH9", published("WETH9", "@uniswap/v2-periphery/build/WETH9.json"));
  const factory = m.contract(
    "UniswapV2Factory",
    published("UniswapV2Factory", "@uniswap/v2-core/build/UniswapV2Factory.json"),
    [m.getParameter<string>("feeToSetter")],
  );
  const router = m.contract(
    "UniswapV2Router02",
    published("UniswapV2Router02", "@uniswap/v2-periphery/build/UniswapV2Router02.json"),
    [factory, weth],
  );
  return { weth, factory, router };
});

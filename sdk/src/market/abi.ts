// The few functions of Uniswap V2's published contracts (`@uniswap/v2-core`, `@uniswap/v2-periphery`) that the market
// module calls, as human-readable ABI fragments. They are not built from this project's contracts, so no TypeChain
// binding exists for them; the fragments below match the published build files the deployment uses.

/** The pair (the pool): its two tokens, reserves and pool shares (an ERC-20 of 18 decimals). */
export const UNISWAP_V2_PAIR_ABI = [
  "function token0() view returns (address)",
  "function token1() view returns (address)",
  "function getReserves() view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast)",
  "function totalSupply() view returns (uint256)",
  "function balanceOf(address owner) view returns (uint256)",
] as const;

/** The router: quotes along a path, and the three exact-input swaps the module sends. */
export const UNISWAP_V2_ROUTER_ABI = [
  "function factory() view returns (address)",
  "function WETH() view returns (address)",
  "function getAmountsOut(uint256 amountIn, address[] path) view returns (uint256[] amounts)",
  "function swapExactETHForTokens(uint256 amountOutMin, address[] path, address to, uint256 deadline) payable returns (uint256[] amounts)",
  "function swapExactTokensForETH(uint256 amountIn, uint256 amountOutMin, address[] path, address to, uint256 deadline) returns (uint256[] amounts)",
  "function swapExactTokensForTokens(uint256 amountIn, uint256 amountOutMin, address[] path, address to, uint256 deadline) returns (uint256[] amounts)",
] as const;

/** The pair's swap event: what went in and out on each side. */
export const UNISWAP_V2_SWAP_EVENT_ABI = [
  "event Swap(address indexed sender, uint256 amount0In, uint256 amount1In, uint256 amount0Out, uint256 amount1Out, address indexed to)",
] as const;

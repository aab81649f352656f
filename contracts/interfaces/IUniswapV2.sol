// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IUniswapV2Factory
/// @notice The calls the market makes on a Uniswap V2 factory (the deployed, published contract).
interface IUniswapV2Factory {
    function getPair(address tokenA, address tokenB) external view returns (address pair);
    function createPair(address tokenA, address tokenB) external returns (address pair);
}

/// @title IUniswapV2Pair
/// @notice The calls the market makes on a Uniswap V2 pair.
interface IUniswapV2Pair {
    function token0() external view returns (address);
    function totalSupply() external view returns (uint256);
    function getReserves() external view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast);
    function mint(address to) external returns (uint256 liquidity);
    function skim(address to) external;
    function swap(uint256 amount0Out, uint256 amount1Out, address to, bytes calldata data) external;
}

/// @title IWETH9
/// @notice Wrapped ether, the quote token of pools opened with ETH.
interface IWETH9 {
    function deposit() external payable;
    function withdraw(uint256 amount) external;
}

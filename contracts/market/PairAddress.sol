// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title PairAddress
/// @notice The address of a Uniswap V2 pair, known before the pair exists: the factory creates each pair with
/// CREATE2, salted with its two tokens in order. A launch uses it to exclude its pool from revenue before anyone can
/// create the pool.
library PairAddress {
    /// @notice The pair of `tokenA` and `tokenB` that `factory`, whose pairs' creation code hashes to `codeHash`,
    /// creates (or created).
    function compute(address factory, bytes32 codeHash, address tokenA, address tokenB) internal pure returns (address) {
        (address token0, address token1) = tokenA < tokenB ? (tokenA, tokenB) : (tokenB, tokenA);
        bytes32 salt = keccak256(abi.encodePacked(token0, token1));
        return address(uint160(uint256(keccak256(abi.encodePacked(hex"ff", factory, salt, codeHash)))));
    }
}

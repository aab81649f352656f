// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// A test double that forwards arbitrary calls, as the wallet or vault it stands for does.
// solhint-disable avoid-low-level-calls

/// @notice Test double: a smart wallet (a Safe reduced to one owner) that holds tokens, receives ETH and makes any
/// call its owner asks for, so it can claim revenue and choose its own exclusion.
contract MockSmartWallet {
    error WalletNotOwner(address account);
    error WalletCallFailed(bytes reason);

    address public immutable owner;

    constructor(address owner_) {
        owner = owner_;
    }

    /// @notice Calls `target` with `data`; owner only. Bubbles the callee's revert up as {WalletCallFailed}.
    function execute(address target, bytes calldata data) external returns (bytes memory result) {
        if (msg.sender != owner) revert WalletNotOwner(msg.sender);
        bool ok;
        (ok, result) = target.call(data);
        if (!ok) revert WalletCallFailed(result);
    }

    receive() external payable {}
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Re-entering from `receive` is what these doubles are for.
// solhint-disable no-complex-fallback

/// @notice Base of the test doubles that, whenever ETH arrives, try to call back into the contract that sent it
/// (the call chosen by each double), record how the attempt ended, and then accept the ETH.
abstract contract Reentrant {
    /// @notice How many times ETH arrived, how many re-entries were tried and how many of them succeeded.
    uint256 public received;
    uint256 public attempts;
    uint256 public successes;
    /// @notice The revert data of the last failed re-entry.
    bytes public lastError;

    receive() external payable {
        ++received;
        (address target, bytes memory call, uint256 value) = _reentry(msg.value);
        if (target == address(0)) return;
        ++attempts;
        (bool ok, bytes memory err) = target.call{value: value}(call);
        if (ok) ++successes;
        else lastError = err;
    }

    /// @dev The re-entry to try now that `arrived` wei came in: `call` to `target` with `value` wei, or none when
    /// `target` is zero.
    function _reentry(uint256 arrived) internal view virtual returns (address target, bytes memory call, uint256 value);
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IModelGovernor
/// @notice What a model's DAO adds to OpenZeppelin's Governor: no proposal before the model's sale is over. The
/// sale's and the treasury's tokens cannot vote, so while the sale runs the team's vesting wallets would hold
/// every vote; a proposal is accepted only once the sale has ended (or was cancelled before it started), so its
/// snapshot, a voting delay later, leaves every buyer that delay to settle and delegate.
interface IModelGovernor {
    /// @notice Emitted once, at initialisation: proposals open when `sale` ends, at `saleEnd` (unix seconds).
    event ModelGovernorSaleSet(address indexed sale, uint256 saleEnd);

    /// @notice Thrown when a proposal is made before the model's `sale` is over: it ends at `saleEnd`.
    error ModelGovernorSaleNotOver(address sale, uint256 saleEnd);

    /// @notice The model's sale, whose end opens proposals; the zero address for a DAO without one.
    function sale() external view returns (address);

    /// @notice When proposals open: the sale's end (unix seconds), or earlier if the sale was cancelled.
    function saleEnd() external view returns (uint256);
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IModelRevenue} from "./IModelRevenue.sol";
import {ModelId} from "../types/ModelId.sol";

/// @title IModelToken
/// @notice The token of one registered model: a fixed-supply ERC-20 with EIP-2612 permit, ERC-5805 votes on a
/// timestamp clock (ERC-6372) and revenue sharing ({IModelRevenue}), minted once at launch.
interface IModelToken is IModelRevenue {
    /// @notice One recipient of the supply minted at launch.
    struct Allocation {
        address account;
        uint256 amount;
        /// Whether what this balance earns moves with the tokens when they leave it (the sale, which holds
        /// tokens for its buyers until they settle).
        bool forwardsRevenue;
        /// Whether the account is excluded from revenue from the start, with no tokens (`amount` must be zero): a
        /// launch's Uniswap pool, excluded at its predicted address before anyone can create it.
        bool excluded;
    }

    /// @notice Emitted once, when the token is created for `model` of `registry` with `totalSupply` units, of
    /// which `reserveBps` of every revenue deposit goes to the burn-to-redeem reserve.
    event ModelTokenInitialized(
        address indexed registry, ModelId indexed model, uint256 totalSupply, uint256 reserveBps
    );

    /// @notice Thrown when the allocations minted at launch add up to nothing.
    error ModelTokenEmptySupply();

    /// @notice Thrown when the allocations minted at launch add up to more than the `max` supply (2**96 - 1).
    error ModelTokenSupplyTooLarge(uint256 supply, uint256 max);

    /// @notice Thrown when initialising a token twice, or the implementation that tokens are cloned from.
    error ModelTokenAlreadyInitialized();

    /// @notice Thrown when a permit's `deadline` has passed (OpenZeppelin's name, which wallets know).
    error ERC2612ExpiredSignature(uint256 deadline);

    /// @notice Thrown when a permit is signed by `signer` instead of `owner` (OpenZeppelin's name).
    error ERC2612InvalidSigner(address signer, address owner);

    /// @notice Initialises the token, mints the whole supply to `allocations` and sets revenue sharing up;
    /// callable once. The registry and model come from the clone's arguments.
    function initialize(
        string calldata name,
        string calldata symbol,
        Allocation[] calldata allocations,
        IModelRevenue.RevenueParams calldata revenue
    ) external;

    /// @notice The registry the model lives in.
    function registry() external view returns (address);

    /// @notice The model this token belongs to.
    function model() external view returns (ModelId);
}

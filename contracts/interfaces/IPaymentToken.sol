// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";

/// @title IPaymentToken
/// @notice What the protocol expects of an ERC-20 that sales are paid in: metadata, and EIP-2612 permit where
/// the token has it (sales fall back to a plain approval when it does not).
// solhint-disable-next-line no-empty-blocks
interface IPaymentToken is IERC20Metadata, IERC20Permit {}

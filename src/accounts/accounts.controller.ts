import { Body, Controller, Delete, HttpCode, HttpStatus, Post, Put, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/current-user.decorator';
import { Public } from '../auth/public.decorator';
import { ApiErrors } from '../http/api-errors';
import { RequestBodyGuard } from '../http/body-parsing';
import { ClientKey } from '../rate-limit/client-address';
import type { AuthenticatedUser } from '../sessions/token-users';
import { AccountsService } from './accounts.service';
import { ChangePasswordDto, DeleteAccountDto, MessageDto, PasswordResetConfirmDto, PasswordResetRequestDto } from './dto/account.dto';
import { PasswordResetEnabledGuard } from './password-reset-enabled.guard';

const RESET_REQUESTED = 'If the address is registered, a reset link has been sent';

@Controller()
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @ApiTags('Users')
  @Put('users/me/password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ operationId: 'changePassword', summary: 'Change the password; every other session ends' })
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiErrors(403, 413, 422, 429, 503)
  changePassword(@CurrentUser() user: AuthenticatedUser, @Body() dto: ChangePasswordDto, @ClientKey() client: string): Promise<void> {
    return this.accounts.changePassword(user, dto.current_password, dto.new_password, client);
  }

  @ApiTags('Users')
  @Delete('users/me')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ operationId: 'deleteAccount', summary: 'Delete the account, with its posts, votes and sessions' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(403, 413, 422, 429, 503)
  deleteAccount(@CurrentUser() user: AuthenticatedUser, @Body() dto: DeleteAccountDto, @ClientKey() client: string): Promise<void> {
    return this.accounts.deleteAccount(user, dto.password, client);
  }

  @ApiTags('Authentication')
  @Public()
  @Post('password-reset')
  // RequestBodyGuard last: without SMTP_URL in production, every request is a 503, whatever its body.
  @UseGuards(PasswordResetEnabledGuard, RequestBodyGuard)
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ operationId: 'requestPasswordReset', summary: 'Mail a password reset link to the address, if it is registered' })
  @ApiAcceptedResponse({ type: MessageDto, description: 'The same answer whether or not the address is registered, and whether or not a mail goes out' })
  @ApiErrors(413, 422, 503)
  async requestReset(@Body() dto: PasswordResetRequestDto, @ClientKey() client: string): Promise<MessageDto> {
    await this.accounts.requestReset(dto.email, client);
    return { message: RESET_REQUESTED };
  }

  @ApiTags('Authentication')
  @Public()
  @Post('password-reset/confirm')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ operationId: 'confirmPasswordReset', summary: 'Set a new password with the token of a reset link; every session ends' })
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiErrors(400, 413, 422, 503)
  confirmReset(@Body() dto: PasswordResetConfirmDto): Promise<void> {
    return this.accounts.confirmReset(dto.token, dto.new_password);
  }
}

package dev.hoochat.application.port.in;

/**
 * The core as its inbound adapters see it: every use case, and nothing of how they were assembled.
 * Adapters (REST, WebSocket, the authorizer) depend on this interface only; the composition roots
 * build the one implementation.
 */
public interface Chat {
  SignUpUseCase signUp();

  SignInUseCase signIn();

  AuthenticateUseCase authenticate();

  CreateGroupUseCase createGroup();

  AddMemberUseCase addMember();

  RemoveMemberUseCase removeMember();

  ListGroupsUseCase listGroups();

  GetGroupUseCase getGroup();

  PostMessageUseCase postMessage();

  ReadMessagesUseCase readMessages();

  OpenConnectionUseCase openConnection();

  CloseConnectionUseCase closeConnection();

  CreateInviteUseCase createInvite();

  ListInvitesUseCase listInvites();

  RevokeInviteUseCase revokeInvite();

  RedeemInviteUseCase redeemInvite();

  UnsendMessageUseCase unsendMessage();

  ReportMessageUseCase reportMessage();

  MuteAuthorUseCase muteAuthor();

  PresenceUseCase presence();
}

/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment NotificationFields on Notification {\n    id\n    kind\n    read\n    text\n    createdAt\n    actor {\n      id\n      displayName\n    }\n    video {\n      id\n    }\n  }\n": typeof types.NotificationFieldsFragmentDoc,
    "\n  query Inbox {\n    me {\n      id\n      unreadNotificationCount\n    }\n    notifications(first: 20) {\n      edges {\n        node {\n          ...NotificationFields\n        }\n      }\n    }\n  }\n": typeof types.InboxDocument,
    "\n  subscription NotificationAdded($afterId: ID) {\n    notificationAdded(afterId: $afterId) {\n      ...NotificationFields\n    }\n  }\n": typeof types.NotificationAddedDocument,
    "\n  mutation MarkNotificationsRead {\n    markNotificationsRead\n  }\n": typeof types.MarkNotificationsReadDocument,
    "\n  query Me {\n    me {\n      id\n      username\n      displayName\n      unreadMessageCount\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  fragment MessageFields on Message {\n    id\n    seq\n    text\n    recalled\n    clientMessageId\n    createdAt\n    sender {\n      id\n      displayName\n    }\n  }\n": typeof types.MessageFieldsFragmentDoc,
    "\n  subscription MessageEvents($conversationId: ID, $afterSeq: Int) {\n    messageEvents(conversationId: $conversationId, afterSeq: $afterSeq) {\n      kind\n      conversationId\n      readSeq\n      reader {\n        id\n      }\n      message {\n        ...MessageFields\n      }\n    }\n  }\n": typeof types.MessageEventsDocument,
    "\n  query AssistantHistory {\n    assistantHistory(first: 20) {\n      prompt\n      answer\n      createdAt\n    }\n  }\n": typeof types.AssistantHistoryDocument,
    "\n  subscription AssistantAnswer($prompt: String!) {\n    assistantAnswer(prompt: $prompt) {\n      kind\n      text\n      fullText\n      error\n      code\n      discardPartial\n    }\n  }\n": typeof types.AssistantAnswerDocument,
    "\n  mutation ClearAssistantHistory {\n    clearAssistantHistory\n  }\n": typeof types.ClearAssistantHistoryDocument,
    "\n  mutation GenerateImage($prompt: String!) {\n    generateImage(prompt: $prompt) {\n      url\n      contentType\n      size\n    }\n  }\n": typeof types.GenerateImageDocument,
    "\n  mutation GenerateSlides($topic: String!) {\n    generateSlides(topic: $topic) {\n      url\n      contentType\n      size\n    }\n  }\n": typeof types.GenerateSlidesDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password, delivery: COOKIE) {\n      user {\n        id\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Register($username: String!, $password: String!, $displayName: String) {\n    register(username: $username, password: $password, displayName: $displayName, delivery: COOKIE) {\n      user {\n        id\n      }\n    }\n  }\n": typeof types.RegisterDocument,
    "\n  query MyFavourites {\n    me {\n      id\n      favouriteFolders {\n        id\n        name\n        isPublic\n        videoCount\n        videos(first: 50) {\n          edges {\n            node {\n              id\n              title\n              coverUrl\n              durationMs\n              uploader {\n                id\n                displayName\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.MyFavouritesDocument,
    "\n  mutation CreateFavouriteFolder($name: String!, $isPublic: Boolean!) {\n    createFavouriteFolder(name: $name, isPublic: $isPublic) {\n      id\n      name\n      isPublic\n      videoCount\n    }\n  }\n": typeof types.CreateFavouriteFolderDocument,
    "\n  mutation RemoveFromFavourites($folderId: ID!, $videoId: ID!) {\n    removeFromFavourites(folderId: $folderId, videoId: $videoId) {\n      id\n      videoCount\n    }\n  }\n": typeof types.RemoveFromFavouritesDocument,
    "\n  query LatestVideos($first: Int!) {\n    videos(first: $first) {\n      edges {\n        node {\n          id\n          title\n          coverUrl\n          durationMs\n          viewCount\n          createdAt\n          uploader {\n            id\n            displayName\n          }\n        }\n      }\n    }\n  }\n": typeof types.LatestVideosDocument,
    "\n  query Profile($username: String!) {\n    userByUsername(username: $username) {\n      id\n      username\n      displayName\n      bio\n      avatarUrl\n      followerCount\n      followingCount\n      followedByMe\n      followers(first: 20) {\n        edges {\n          node {\n            id\n            username\n            displayName\n          }\n        }\n      }\n      favouriteFolders {\n        id\n        name\n        videoCount\n      }\n      videos(first: 12) {\n        edges {\n          node {\n            id\n            title\n          }\n        }\n      }\n    }\n  }\n": typeof types.ProfileDocument,
    "\n  query MyPrivacy {\n    me {\n      id\n      privacy {\n        favourites\n        follows\n      }\n    }\n  }\n": typeof types.MyPrivacyDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      displayName\n      bio\n      avatarUrl\n    }\n  }\n": typeof types.UpdateProfileDocument,
    "\n  mutation UpdatePrivacy($input: PrivacySettingsInput!) {\n    updatePrivacy(input: $input) {\n      favourites\n      follows\n    }\n  }\n": typeof types.UpdatePrivacyDocument,
    "\n  mutation Follow($userId: ID!) {\n    follow(userId: $userId) {\n      id\n      followerCount\n      followedByMe\n    }\n  }\n": typeof types.FollowDocument,
    "\n  mutation Unfollow($userId: ID!) {\n    unfollow(userId: $userId) {\n      id\n      followerCount\n      followedByMe\n    }\n  }\n": typeof types.UnfollowDocument,
    "\n  query Suggest($prefix: String!) {\n    suggest(prefix: $prefix, first: 6) {\n      text\n      node {\n        __typename\n        ... on Video {\n          id\n        }\n        ... on User {\n          id\n          username\n        }\n      }\n    }\n  }\n": typeof types.SuggestDocument,
    "\n  query Search($query: String!, $page: Int!) {\n    search(query: $query, page: $page, pageSize: 20) {\n      total\n      page\n      pageSize\n      hits {\n        highlights {\n          field\n          fragments\n        }\n        node {\n          __typename\n          ... on Video {\n            id\n            title\n            coverUrl\n            uploader {\n              id\n              displayName\n            }\n          }\n          ... on User {\n            id\n            username\n            displayName\n          }\n        }\n      }\n    }\n  }\n": typeof types.SearchDocument,
    "\n  mutation PublishVideo($input: PublishVideoInput!) {\n    publishVideo(input: $input) {\n      id\n    }\n  }\n": typeof types.PublishVideoDocument,
    "\n  fragment DanmakuFields on Danmaku {\n    id\n    text\n    timeMs\n    color\n    mode\n  }\n": typeof types.DanmakuFieldsFragmentDoc,
    "\n  query Watch($id: ID!) {\n    video(id: $id) {\n      id\n      title\n      description\n      tags\n      playbackUrl\n      coverUrl\n      viewCount\n      likeCount\n      likedByMe\n      commentCount\n      createdAt\n      uploader {\n        id\n        username\n        displayName\n      }\n      comments(first: 50) {\n        edges {\n          node {\n            id\n            text\n            createdAt\n            author {\n              id\n              displayName\n            }\n          }\n        }\n      }\n      danmakus(first: 1000) {\n        ...DanmakuFields\n      }\n    }\n  }\n": typeof types.WatchDocument,
    "\n  mutation Like($id: ID!) {\n    likeVideo(id: $id) {\n      id\n      likeCount\n      likedByMe\n    }\n  }\n": typeof types.LikeDocument,
    "\n  mutation Unlike($id: ID!) {\n    unlikeVideo(id: $id) {\n      id\n      likeCount\n      likedByMe\n    }\n  }\n": typeof types.UnlikeDocument,
    "\n  mutation AddComment($videoId: ID!, $text: String!) {\n    addComment(videoId: $videoId, text: $text) {\n      id\n    }\n  }\n": typeof types.AddCommentDocument,
    "\n  mutation SendDanmaku($videoId: ID!, $text: String!, $timeMs: Int!) {\n    sendDanmaku(videoId: $videoId, text: $text, timeMs: $timeMs) {\n      ...DanmakuFields\n    }\n  }\n": typeof types.SendDanmakuDocument,
    "\n  subscription DanmakuAdded($videoId: ID!) {\n    danmakuAdded(videoId: $videoId) {\n      ...DanmakuFields\n    }\n  }\n": typeof types.DanmakuAddedDocument,
    "\n  query MyFolders {\n    me {\n      id\n      favouriteFolders {\n        id\n        name\n        videoCount\n      }\n    }\n  }\n": typeof types.MyFoldersDocument,
    "\n  mutation NewFolder($name: String!) {\n    createFavouriteFolder(name: $name) {\n      id\n      name\n      videoCount\n    }\n  }\n": typeof types.NewFolderDocument,
    "\n  mutation AddToFavourites($folderId: ID!, $videoId: ID!) {\n    addToFavourites(folderId: $folderId, videoId: $videoId) {\n      id\n      name\n      videoCount\n    }\n  }\n": typeof types.AddToFavouritesDocument,
    "\n  query History($conversationId: ID!, $beforeSeq: Int!) {\n    messages(conversationId: $conversationId, beforeSeq: $beforeSeq, first: 50) {\n      ...MessageFields\n    }\n  }\n": typeof types.HistoryDocument,
    "\n  mutation SendMessage($conversationId: ID!, $text: String!, $clientMessageId: String!) {\n    sendMessage(conversationId: $conversationId, text: $text, clientMessageId: $clientMessageId) {\n      ...MessageFields\n    }\n  }\n": typeof types.SendMessageDocument,
    "\n  mutation MarkRead($conversationId: ID!, $seq: Int!) {\n    markRead(conversationId: $conversationId, seq: $seq) {\n      id\n      unreadCount\n    }\n  }\n": typeof types.MarkReadDocument,
    "\n  mutation RecallMessage($messageId: ID!) {\n    recallMessage(messageId: $messageId) {\n      ...MessageFields\n    }\n  }\n": typeof types.RecallMessageDocument,
    "\n  query BlockedUsers {\n    blockedUsers {\n      id\n    }\n  }\n": typeof types.BlockedUsersDocument,
    "\n  mutation BlockUser($userId: ID!) {\n    blockUser(userId: $userId)\n  }\n": typeof types.BlockUserDocument,
    "\n  mutation UnblockUser($userId: ID!) {\n    unblockUser(userId: $userId)\n  }\n": typeof types.UnblockUserDocument,
    "\n  query FindUser($username: String!) {\n    userByUsername(username: $username) {\n      id\n    }\n  }\n": typeof types.FindUserDocument,
    "\n  mutation StartConversation($userId: ID!) {\n    startConversation(userId: $userId) {\n      id\n    }\n  }\n": typeof types.StartConversationDocument,
    "\n  mutation CreateGroup($title: String!, $memberIds: [ID!]!) {\n    createGroup(title: $title, memberIds: $memberIds) {\n      id\n    }\n  }\n": typeof types.CreateGroupDocument,
    "\n  query Conversations {\n    conversations(first: 50) {\n      edges {\n        node {\n          id\n          kind\n          title\n          unreadCount\n          lastSeq\n          lastReadSeq\n          members {\n            id\n            username\n            displayName\n          }\n          lastMessage {\n            id\n            text\n            recalled\n            sender {\n              id\n              displayName\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ConversationsDocument,
    "\n  fragment UploadFields on UploadSession {\n    id\n    chunkSize\n    chunkCount\n    receivedChunks\n    status\n    failure\n    proofChallenge {\n      ranges {\n        offset\n        length\n      }\n    }\n  }\n": typeof types.UploadFieldsFragmentDoc,
    "\n  mutation InitUpload($filename: String!, $size: Float!, $sha256: String!) {\n    initUpload(filename: $filename, size: $size, sha256: $sha256) {\n      upload {\n        ...UploadFields\n      }\n    }\n  }\n": typeof types.InitUploadDocument,
    "\n  query UploadStatus($uploadId: ID!) {\n    uploadStatus(uploadId: $uploadId) {\n      ...UploadFields\n    }\n  }\n": typeof types.UploadStatusDocument,
    "\n  mutation ProveUpload($uploadId: ID!, $proofs: [String!]!) {\n    proveUpload(uploadId: $uploadId, proofs: $proofs) {\n      ...UploadFields\n    }\n  }\n": typeof types.ProveUploadDocument,
    "\n  mutation UploadChunk($uploadId: ID!, $index: Int!, $chunk: Upload!, $checksum: String!) {\n    uploadChunk(uploadId: $uploadId, index: $index, chunk: $chunk, checksum: $checksum) {\n      index\n      receivedCount\n      chunkCount\n    }\n  }\n": typeof types.UploadChunkDocument,
    "\n  mutation CompleteUpload($uploadId: ID!) {\n    completeUpload(uploadId: $uploadId) {\n      ...UploadFields\n    }\n  }\n": typeof types.CompleteUploadDocument,
};
const documents: Documents = {
    "\n  fragment NotificationFields on Notification {\n    id\n    kind\n    read\n    text\n    createdAt\n    actor {\n      id\n      displayName\n    }\n    video {\n      id\n    }\n  }\n": types.NotificationFieldsFragmentDoc,
    "\n  query Inbox {\n    me {\n      id\n      unreadNotificationCount\n    }\n    notifications(first: 20) {\n      edges {\n        node {\n          ...NotificationFields\n        }\n      }\n    }\n  }\n": types.InboxDocument,
    "\n  subscription NotificationAdded($afterId: ID) {\n    notificationAdded(afterId: $afterId) {\n      ...NotificationFields\n    }\n  }\n": types.NotificationAddedDocument,
    "\n  mutation MarkNotificationsRead {\n    markNotificationsRead\n  }\n": types.MarkNotificationsReadDocument,
    "\n  query Me {\n    me {\n      id\n      username\n      displayName\n      unreadMessageCount\n    }\n  }\n": types.MeDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  fragment MessageFields on Message {\n    id\n    seq\n    text\n    recalled\n    clientMessageId\n    createdAt\n    sender {\n      id\n      displayName\n    }\n  }\n": types.MessageFieldsFragmentDoc,
    "\n  subscription MessageEvents($conversationId: ID, $afterSeq: Int) {\n    messageEvents(conversationId: $conversationId, afterSeq: $afterSeq) {\n      kind\n      conversationId\n      readSeq\n      reader {\n        id\n      }\n      message {\n        ...MessageFields\n      }\n    }\n  }\n": types.MessageEventsDocument,
    "\n  query AssistantHistory {\n    assistantHistory(first: 20) {\n      prompt\n      answer\n      createdAt\n    }\n  }\n": types.AssistantHistoryDocument,
    "\n  subscription AssistantAnswer($prompt: String!) {\n    assistantAnswer(prompt: $prompt) {\n      kind\n      text\n      fullText\n      error\n      code\n      discardPartial\n    }\n  }\n": types.AssistantAnswerDocument,
    "\n  mutation ClearAssistantHistory {\n    clearAssistantHistory\n  }\n": types.ClearAssistantHistoryDocument,
    "\n  mutation GenerateImage($prompt: String!) {\n    generateImage(prompt: $prompt) {\n      url\n      contentType\n      size\n    }\n  }\n": types.GenerateImageDocument,
    "\n  mutation GenerateSlides($topic: String!) {\n    generateSlides(topic: $topic) {\n      url\n      contentType\n      size\n    }\n  }\n": types.GenerateSlidesDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password, delivery: COOKIE) {\n      user {\n        id\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Register($username: String!, $password: String!, $displayName: String) {\n    register(username: $username, password: $password, displayName: $displayName, delivery: COOKIE) {\n      user {\n        id\n      }\n    }\n  }\n": types.RegisterDocument,
    "\n  query MyFavourites {\n    me {\n      id\n      favouriteFolders {\n        id\n        name\n        isPublic\n        videoCount\n        videos(first: 50) {\n          edges {\n            node {\n              id\n              title\n              coverUrl\n              durationMs\n              uploader {\n                id\n                displayName\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.MyFavouritesDocument,
    "\n  mutation CreateFavouriteFolder($name: String!, $isPublic: Boolean!) {\n    createFavouriteFolder(name: $name, isPublic: $isPublic) {\n      id\n      name\n      isPublic\n      videoCount\n    }\n  }\n": types.CreateFavouriteFolderDocument,
    "\n  mutation RemoveFromFavourites($folderId: ID!, $videoId: ID!) {\n    removeFromFavourites(folderId: $folderId, videoId: $videoId) {\n      id\n      videoCount\n    }\n  }\n": types.RemoveFromFavouritesDocument,
    "\n  query LatestVideos($first: Int!) {\n    videos(first: $first) {\n      edges {\n        node {\n          id\n          title\n          coverUrl\n          durationMs\n          viewCount\n          createdAt\n          uploader {\n            id\n            displayName\n          }\n        }\n      }\n    }\n  }\n": types.LatestVideosDocument,
    "\n  query Profile($username: String!) {\n    userByUsername(username: $username) {\n      id\n      username\n      displayName\n      bio\n      avatarUrl\n      followerCount\n      followingCount\n      followedByMe\n      followers(first: 20) {\n        edges {\n          node {\n            id\n            username\n            displayName\n          }\n        }\n      }\n      favouriteFolders {\n        id\n        name\n        videoCount\n      }\n      videos(first: 12) {\n        edges {\n          node {\n            id\n            title\n          }\n        }\n      }\n    }\n  }\n": types.ProfileDocument,
    "\n  query MyPrivacy {\n    me {\n      id\n      privacy {\n        favourites\n        follows\n      }\n    }\n  }\n": types.MyPrivacyDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      displayName\n      bio\n      avatarUrl\n    }\n  }\n": types.UpdateProfileDocument,
    "\n  mutation UpdatePrivacy($input: PrivacySettingsInput!) {\n    updatePrivacy(input: $input) {\n      favourites\n      follows\n    }\n  }\n": types.UpdatePrivacyDocument,
    "\n  mutation Follow($userId: ID!) {\n    follow(userId: $userId) {\n      id\n      followerCount\n      followedByMe\n    }\n  }\n": types.FollowDocument,
    "\n  mutation Unfollow($userId: ID!) {\n    unfollow(userId: $userId) {\n      id\n      followerCount\n      followedByMe\n    }\n  }\n": types.UnfollowDocument,
    "\n  query Suggest($prefix: String!) {\n    suggest(prefix: $prefix, first: 6) {\n      text\n      node {\n        __typename\n        ... on Video {\n          id\n        }\n        ... on User {\n          id\n          username\n        }\n      }\n    }\n  }\n": types.SuggestDocument,
    "\n  query Search($query: String!, $page: Int!) {\n    search(query: $query, page: $page, pageSize: 20) {\n      total\n      page\n      pageSize\n      hits {\n        highlights {\n          field\n          fragments\n        }\n        node {\n          __typename\n          ... on Video {\n            id\n            title\n            coverUrl\n            uploader {\n              id\n              displayName\n            }\n          }\n          ... on User {\n            id\n            username\n            displayName\n          }\n        }\n      }\n    }\n  }\n": types.SearchDocument,
    "\n  mutation PublishVideo($input: PublishVideoInput!) {\n    publishVideo(input: $input) {\n      id\n    }\n  }\n": types.PublishVideoDocument,
    "\n  fragment DanmakuFields on Danmaku {\n    id\n    text\n    timeMs\n    color\n    mode\n  }\n": types.DanmakuFieldsFragmentDoc,
    "\n  query Watch($id: ID!) {\n    video(id: $id) {\n      id\n      title\n      description\n      tags\n      playbackUrl\n      coverUrl\n      viewCount\n      likeCount\n      likedByMe\n      commentCount\n      createdAt\n      uploader {\n        id\n        username\n        displayName\n      }\n      comments(first: 50) {\n        edges {\n          node {\n            id\n            text\n            createdAt\n            author {\n              id\n              displayName\n            }\n          }\n        }\n      }\n      danmakus(first: 1000) {\n        ...DanmakuFields\n      }\n    }\n  }\n": types.WatchDocument,
    "\n  mutation Like($id: ID!) {\n    likeVideo(id: $id) {\n      id\n      likeCount\n      likedByMe\n    }\n  }\n": types.LikeDocument,
    "\n  mutation Unlike($id: ID!) {\n    unlikeVideo(id: $id) {\n      id\n      likeCount\n      likedByMe\n    }\n  }\n": types.UnlikeDocument,
    "\n  mutation AddComment($videoId: ID!, $text: String!) {\n    addComment(videoId: $videoId, text: $text) {\n      id\n    }\n  }\n": types.AddCommentDocument,
    "\n  mutation SendDanmaku($videoId: ID!, $text: String!, $timeMs: Int!) {\n    sendDanmaku(videoId: $videoId, text: $text, timeMs: $timeMs) {\n      ...DanmakuFields\n    }\n  }\n": types.SendDanmakuDocument,
    "\n  subscription DanmakuAdded($videoId: ID!) {\n    danmakuAdded(videoId: $videoId) {\n      ...DanmakuFields\n    }\n  }\n": types.DanmakuAddedDocument,
    "\n  query MyFolders {\n    me {\n      id\n      favouriteFolders {\n        id\n        name\n        videoCount\n      }\n    }\n  }\n": types.MyFoldersDocument,
    "\n  mutation NewFolder($name: String!) {\n    createFavouriteFolder(name: $name) {\n      id\n      name\n      videoCount\n    }\n  }\n": types.NewFolderDocument,
    "\n  mutation AddToFavourites($folderId: ID!, $videoId: ID!) {\n    addToFavourites(folderId: $folderId, videoId: $videoId) {\n      id\n      name\n      videoCount\n    }\n  }\n": types.AddToFavouritesDocument,
    "\n  query History($conversationId: ID!, $beforeSeq: Int!) {\n    messages(conversationId: $conversationId, beforeSeq: $beforeSeq, first: 50) {\n      ...MessageFields\n    }\n  }\n": types.HistoryDocument,
    "\n  mutation SendMessage($conversationId: ID!, $text: String!, $clientMessageId: String!) {\n    sendMessage(conversationId: $conversationId, text: $text, clientMessageId: $clientMessageId) {\n      ...MessageFields\n    }\n  }\n": types.SendMessageDocument,
    "\n  mutation MarkRead($conversationId: ID!, $seq: Int!) {\n    markRead(conversationId: $conversationId, seq: $seq) {\n      id\n      unreadCount\n    }\n  }\n": types.MarkReadDocument,
    "\n  mutation RecallMessage($messageId: ID!) {\n    recallMessage(messageId: $messageId) {\n      ...MessageFields\n    }\n  }\n": types.RecallMessageDocument,
    "\n  query BlockedUsers {\n    blockedUsers {\n      id\n    }\n  }\n": types.BlockedUsersDocument,
    "\n  mutation BlockUser($userId: ID!) {\n    blockUser(userId: $userId)\n  }\n": types.BlockUserDocument,
    "\n  mutation UnblockUser($userId: ID!) {\n    unblockUser(userId: $userId)\n  }\n": types.UnblockUserDocument,
    "\n  query FindUser($username: String!) {\n    userByUsername(username: $username) {\n      id\n    }\n  }\n": types.FindUserDocument,
    "\n  mutation StartConversation($userId: ID!) {\n    startConversation(userId: $userId) {\n      id\n    }\n  }\n": types.StartConversationDocument,
    "\n  mutation CreateGroup($title: String!, $memberIds: [ID!]!) {\n    createGroup(title: $title, memberIds: $memberIds) {\n      id\n    }\n  }\n": types.CreateGroupDocument,
    "\n  query Conversations {\n    conversations(first: 50) {\n      edges {\n        node {\n          id\n          kind\n          title\n          unreadCount\n          lastSeq\n          lastReadSeq\n          members {\n            id\n            username\n            displayName\n          }\n          lastMessage {\n            id\n            text\n            recalled\n            sender {\n              id\n              displayName\n            }\n          }\n        }\n      }\n    }\n  }\n": types.ConversationsDocument,
    "\n  fragment UploadFields on UploadSession {\n    id\n    chunkSize\n    chunkCount\n    receivedChunks\n    status\n    failure\n    proofChallenge {\n      ranges {\n        offset\n        length\n      }\n    }\n  }\n": types.UploadFieldsFragmentDoc,
    "\n  mutation InitUpload($filename: String!, $size: Float!, $sha256: String!) {\n    initUpload(filename: $filename, size: $size, sha256: $sha256) {\n      upload {\n        ...UploadFields\n      }\n    }\n  }\n": types.InitUploadDocument,
    "\n  query UploadStatus($uploadId: ID!) {\n    uploadStatus(uploadId: $uploadId) {\n      ...UploadFields\n    }\n  }\n": types.UploadStatusDocument,
    "\n  mutation ProveUpload($uploadId: ID!, $proofs: [String!]!) {\n    proveUpload(uploadId: $uploadId, proofs: $proofs) {\n      ...UploadFields\n    }\n  }\n": types.ProveUploadDocument,
    "\n  mutation UploadChunk($uploadId: ID!, $index: Int!, $chunk: Upload!, $checksum: String!) {\n    uploadChunk(uploadId: $uploadId, index: $index, chunk: $chunk, checksum: $checksum) {\n      index\n      receivedCount\n      chunkCount\n    }\n  }\n": types.UploadChunkDocument,
    "\n  mutation CompleteUpload($uploadId: ID!) {\n    completeUpload(uploadId: $uploadId) {\n      ...UploadFields\n    }\n  }\n": types.CompleteUploadDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment NotificationFields on Notification {\n    id\n    kind\n    read\n    text\n    createdAt\n    actor {\n      id\n      displayName\n    }\n    video {\n      id\n    }\n  }\n"): (typeof documents)["\n  fragment NotificationFields on Notification {\n    id\n    kind\n    read\n    text\n    createdAt\n    actor {\n      id\n      displayName\n    }\n    video {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Inbox {\n    me {\n      id\n      unreadNotificationCount\n    }\n    notifications(first: 20) {\n      edges {\n        node {\n          ...NotificationFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Inbox {\n    me {\n      id\n      unreadNotificationCount\n    }\n    notifications(first: 20) {\n      edges {\n        node {\n          ...NotificationFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription NotificationAdded($afterId: ID) {\n    notificationAdded(afterId: $afterId) {\n      ...NotificationFields\n    }\n  }\n"): (typeof documents)["\n  subscription NotificationAdded($afterId: ID) {\n    notificationAdded(afterId: $afterId) {\n      ...NotificationFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNotificationsRead {\n    markNotificationsRead\n  }\n"): (typeof documents)["\n  mutation MarkNotificationsRead {\n    markNotificationsRead\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      username\n      displayName\n      unreadMessageCount\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      username\n      displayName\n      unreadMessageCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MessageFields on Message {\n    id\n    seq\n    text\n    recalled\n    clientMessageId\n    createdAt\n    sender {\n      id\n      displayName\n    }\n  }\n"): (typeof documents)["\n  fragment MessageFields on Message {\n    id\n    seq\n    text\n    recalled\n    clientMessageId\n    createdAt\n    sender {\n      id\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MessageEvents($conversationId: ID, $afterSeq: Int) {\n    messageEvents(conversationId: $conversationId, afterSeq: $afterSeq) {\n      kind\n      conversationId\n      readSeq\n      reader {\n        id\n      }\n      message {\n        ...MessageFields\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription MessageEvents($conversationId: ID, $afterSeq: Int) {\n    messageEvents(conversationId: $conversationId, afterSeq: $afterSeq) {\n      kind\n      conversationId\n      readSeq\n      reader {\n        id\n      }\n      message {\n        ...MessageFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AssistantHistory {\n    assistantHistory(first: 20) {\n      prompt\n      answer\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  query AssistantHistory {\n    assistantHistory(first: 20) {\n      prompt\n      answer\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AssistantAnswer($prompt: String!) {\n    assistantAnswer(prompt: $prompt) {\n      kind\n      text\n      fullText\n      error\n      code\n      discardPartial\n    }\n  }\n"): (typeof documents)["\n  subscription AssistantAnswer($prompt: String!) {\n    assistantAnswer(prompt: $prompt) {\n      kind\n      text\n      fullText\n      error\n      code\n      discardPartial\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClearAssistantHistory {\n    clearAssistantHistory\n  }\n"): (typeof documents)["\n  mutation ClearAssistantHistory {\n    clearAssistantHistory\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GenerateImage($prompt: String!) {\n    generateImage(prompt: $prompt) {\n      url\n      contentType\n      size\n    }\n  }\n"): (typeof documents)["\n  mutation GenerateImage($prompt: String!) {\n    generateImage(prompt: $prompt) {\n      url\n      contentType\n      size\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GenerateSlides($topic: String!) {\n    generateSlides(topic: $topic) {\n      url\n      contentType\n      size\n    }\n  }\n"): (typeof documents)["\n  mutation GenerateSlides($topic: String!) {\n    generateSlides(topic: $topic) {\n      url\n      contentType\n      size\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password, delivery: COOKIE) {\n      user {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password, delivery: COOKIE) {\n      user {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Register($username: String!, $password: String!, $displayName: String) {\n    register(username: $username, password: $password, displayName: $displayName, delivery: COOKIE) {\n      user {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Register($username: String!, $password: String!, $displayName: String) {\n    register(username: $username, password: $password, displayName: $displayName, delivery: COOKIE) {\n      user {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyFavourites {\n    me {\n      id\n      favouriteFolders {\n        id\n        name\n        isPublic\n        videoCount\n        videos(first: 50) {\n          edges {\n            node {\n              id\n              title\n              coverUrl\n              durationMs\n              uploader {\n                id\n                displayName\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyFavourites {\n    me {\n      id\n      favouriteFolders {\n        id\n        name\n        isPublic\n        videoCount\n        videos(first: 50) {\n          edges {\n            node {\n              id\n              title\n              coverUrl\n              durationMs\n              uploader {\n                id\n                displayName\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateFavouriteFolder($name: String!, $isPublic: Boolean!) {\n    createFavouriteFolder(name: $name, isPublic: $isPublic) {\n      id\n      name\n      isPublic\n      videoCount\n    }\n  }\n"): (typeof documents)["\n  mutation CreateFavouriteFolder($name: String!, $isPublic: Boolean!) {\n    createFavouriteFolder(name: $name, isPublic: $isPublic) {\n      id\n      name\n      isPublic\n      videoCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveFromFavourites($folderId: ID!, $videoId: ID!) {\n    removeFromFavourites(folderId: $folderId, videoId: $videoId) {\n      id\n      videoCount\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveFromFavourites($folderId: ID!, $videoId: ID!) {\n    removeFromFavourites(folderId: $folderId, videoId: $videoId) {\n      id\n      videoCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LatestVideos($first: Int!) {\n    videos(first: $first) {\n      edges {\n        node {\n          id\n          title\n          coverUrl\n          durationMs\n          viewCount\n          createdAt\n          uploader {\n            id\n            displayName\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query LatestVideos($first: Int!) {\n    videos(first: $first) {\n      edges {\n        node {\n          id\n          title\n          coverUrl\n          durationMs\n          viewCount\n          createdAt\n          uploader {\n            id\n            displayName\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Profile($username: String!) {\n    userByUsername(username: $username) {\n      id\n      username\n      displayName\n      bio\n      avatarUrl\n      followerCount\n      followingCount\n      followedByMe\n      followers(first: 20) {\n        edges {\n          node {\n            id\n            username\n            displayName\n          }\n        }\n      }\n      favouriteFolders {\n        id\n        name\n        videoCount\n      }\n      videos(first: 12) {\n        edges {\n          node {\n            id\n            title\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Profile($username: String!) {\n    userByUsername(username: $username) {\n      id\n      username\n      displayName\n      bio\n      avatarUrl\n      followerCount\n      followingCount\n      followedByMe\n      followers(first: 20) {\n        edges {\n          node {\n            id\n            username\n            displayName\n          }\n        }\n      }\n      favouriteFolders {\n        id\n        name\n        videoCount\n      }\n      videos(first: 12) {\n        edges {\n          node {\n            id\n            title\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyPrivacy {\n    me {\n      id\n      privacy {\n        favourites\n        follows\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyPrivacy {\n    me {\n      id\n      privacy {\n        favourites\n        follows\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      displayName\n      bio\n      avatarUrl\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      displayName\n      bio\n      avatarUrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdatePrivacy($input: PrivacySettingsInput!) {\n    updatePrivacy(input: $input) {\n      favourites\n      follows\n    }\n  }\n"): (typeof documents)["\n  mutation UpdatePrivacy($input: PrivacySettingsInput!) {\n    updatePrivacy(input: $input) {\n      favourites\n      follows\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Follow($userId: ID!) {\n    follow(userId: $userId) {\n      id\n      followerCount\n      followedByMe\n    }\n  }\n"): (typeof documents)["\n  mutation Follow($userId: ID!) {\n    follow(userId: $userId) {\n      id\n      followerCount\n      followedByMe\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Unfollow($userId: ID!) {\n    unfollow(userId: $userId) {\n      id\n      followerCount\n      followedByMe\n    }\n  }\n"): (typeof documents)["\n  mutation Unfollow($userId: ID!) {\n    unfollow(userId: $userId) {\n      id\n      followerCount\n      followedByMe\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Suggest($prefix: String!) {\n    suggest(prefix: $prefix, first: 6) {\n      text\n      node {\n        __typename\n        ... on Video {\n          id\n        }\n        ... on User {\n          id\n          username\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Suggest($prefix: String!) {\n    suggest(prefix: $prefix, first: 6) {\n      text\n      node {\n        __typename\n        ... on Video {\n          id\n        }\n        ... on User {\n          id\n          username\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Search($query: String!, $page: Int!) {\n    search(query: $query, page: $page, pageSize: 20) {\n      total\n      page\n      pageSize\n      hits {\n        highlights {\n          field\n          fragments\n        }\n        node {\n          __typename\n          ... on Video {\n            id\n            title\n            coverUrl\n            uploader {\n              id\n              displayName\n            }\n          }\n          ... on User {\n            id\n            username\n            displayName\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Search($query: String!, $page: Int!) {\n    search(query: $query, page: $page, pageSize: 20) {\n      total\n      page\n      pageSize\n      hits {\n        highlights {\n          field\n          fragments\n        }\n        node {\n          __typename\n          ... on Video {\n            id\n            title\n            coverUrl\n            uploader {\n              id\n              displayName\n            }\n          }\n          ... on User {\n            id\n            username\n            displayName\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PublishVideo($input: PublishVideoInput!) {\n    publishVideo(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation PublishVideo($input: PublishVideoInput!) {\n    publishVideo(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DanmakuFields on Danmaku {\n    id\n    text\n    timeMs\n    color\n    mode\n  }\n"): (typeof documents)["\n  fragment DanmakuFields on Danmaku {\n    id\n    text\n    timeMs\n    color\n    mode\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Watch($id: ID!) {\n    video(id: $id) {\n      id\n      title\n      description\n      tags\n      playbackUrl\n      coverUrl\n      viewCount\n      likeCount\n      likedByMe\n      commentCount\n      createdAt\n      uploader {\n        id\n        username\n        displayName\n      }\n      comments(first: 50) {\n        edges {\n          node {\n            id\n            text\n            createdAt\n            author {\n              id\n              displayName\n            }\n          }\n        }\n      }\n      danmakus(first: 1000) {\n        ...DanmakuFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query Watch($id: ID!) {\n    video(id: $id) {\n      id\n      title\n      description\n      tags\n      playbackUrl\n      coverUrl\n      viewCount\n      likeCount\n      likedByMe\n      commentCount\n      createdAt\n      uploader {\n        id\n        username\n        displayName\n      }\n      comments(first: 50) {\n        edges {\n          node {\n            id\n            text\n            createdAt\n            author {\n              id\n              displayName\n            }\n          }\n        }\n      }\n      danmakus(first: 1000) {\n        ...DanmakuFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Like($id: ID!) {\n    likeVideo(id: $id) {\n      id\n      likeCount\n      likedByMe\n    }\n  }\n"): (typeof documents)["\n  mutation Like($id: ID!) {\n    likeVideo(id: $id) {\n      id\n      likeCount\n      likedByMe\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Unlike($id: ID!) {\n    unlikeVideo(id: $id) {\n      id\n      likeCount\n      likedByMe\n    }\n  }\n"): (typeof documents)["\n  mutation Unlike($id: ID!) {\n    unlikeVideo(id: $id) {\n      id\n      likeCount\n      likedByMe\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddComment($videoId: ID!, $text: String!) {\n    addComment(videoId: $videoId, text: $text) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AddComment($videoId: ID!, $text: String!) {\n    addComment(videoId: $videoId, text: $text) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendDanmaku($videoId: ID!, $text: String!, $timeMs: Int!) {\n    sendDanmaku(videoId: $videoId, text: $text, timeMs: $timeMs) {\n      ...DanmakuFields\n    }\n  }\n"): (typeof documents)["\n  mutation SendDanmaku($videoId: ID!, $text: String!, $timeMs: Int!) {\n    sendDanmaku(videoId: $videoId, text: $text, timeMs: $timeMs) {\n      ...DanmakuFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DanmakuAdded($videoId: ID!) {\n    danmakuAdded(videoId: $videoId) {\n      ...DanmakuFields\n    }\n  }\n"): (typeof documents)["\n  subscription DanmakuAdded($videoId: ID!) {\n    danmakuAdded(videoId: $videoId) {\n      ...DanmakuFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyFolders {\n    me {\n      id\n      favouriteFolders {\n        id\n        name\n        videoCount\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyFolders {\n    me {\n      id\n      favouriteFolders {\n        id\n        name\n        videoCount\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation NewFolder($name: String!) {\n    createFavouriteFolder(name: $name) {\n      id\n      name\n      videoCount\n    }\n  }\n"): (typeof documents)["\n  mutation NewFolder($name: String!) {\n    createFavouriteFolder(name: $name) {\n      id\n      name\n      videoCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddToFavourites($folderId: ID!, $videoId: ID!) {\n    addToFavourites(folderId: $folderId, videoId: $videoId) {\n      id\n      name\n      videoCount\n    }\n  }\n"): (typeof documents)["\n  mutation AddToFavourites($folderId: ID!, $videoId: ID!) {\n    addToFavourites(folderId: $folderId, videoId: $videoId) {\n      id\n      name\n      videoCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query History($conversationId: ID!, $beforeSeq: Int!) {\n    messages(conversationId: $conversationId, beforeSeq: $beforeSeq, first: 50) {\n      ...MessageFields\n    }\n  }\n"): (typeof documents)["\n  query History($conversationId: ID!, $beforeSeq: Int!) {\n    messages(conversationId: $conversationId, beforeSeq: $beforeSeq, first: 50) {\n      ...MessageFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendMessage($conversationId: ID!, $text: String!, $clientMessageId: String!) {\n    sendMessage(conversationId: $conversationId, text: $text, clientMessageId: $clientMessageId) {\n      ...MessageFields\n    }\n  }\n"): (typeof documents)["\n  mutation SendMessage($conversationId: ID!, $text: String!, $clientMessageId: String!) {\n    sendMessage(conversationId: $conversationId, text: $text, clientMessageId: $clientMessageId) {\n      ...MessageFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkRead($conversationId: ID!, $seq: Int!) {\n    markRead(conversationId: $conversationId, seq: $seq) {\n      id\n      unreadCount\n    }\n  }\n"): (typeof documents)["\n  mutation MarkRead($conversationId: ID!, $seq: Int!) {\n    markRead(conversationId: $conversationId, seq: $seq) {\n      id\n      unreadCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecallMessage($messageId: ID!) {\n    recallMessage(messageId: $messageId) {\n      ...MessageFields\n    }\n  }\n"): (typeof documents)["\n  mutation RecallMessage($messageId: ID!) {\n    recallMessage(messageId: $messageId) {\n      ...MessageFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BlockedUsers {\n    blockedUsers {\n      id\n    }\n  }\n"): (typeof documents)["\n  query BlockedUsers {\n    blockedUsers {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BlockUser($userId: ID!) {\n    blockUser(userId: $userId)\n  }\n"): (typeof documents)["\n  mutation BlockUser($userId: ID!) {\n    blockUser(userId: $userId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnblockUser($userId: ID!) {\n    unblockUser(userId: $userId)\n  }\n"): (typeof documents)["\n  mutation UnblockUser($userId: ID!) {\n    unblockUser(userId: $userId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FindUser($username: String!) {\n    userByUsername(username: $username) {\n      id\n    }\n  }\n"): (typeof documents)["\n  query FindUser($username: String!) {\n    userByUsername(username: $username) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartConversation($userId: ID!) {\n    startConversation(userId: $userId) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation StartConversation($userId: ID!) {\n    startConversation(userId: $userId) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateGroup($title: String!, $memberIds: [ID!]!) {\n    createGroup(title: $title, memberIds: $memberIds) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateGroup($title: String!, $memberIds: [ID!]!) {\n    createGroup(title: $title, memberIds: $memberIds) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Conversations {\n    conversations(first: 50) {\n      edges {\n        node {\n          id\n          kind\n          title\n          unreadCount\n          lastSeq\n          lastReadSeq\n          members {\n            id\n            username\n            displayName\n          }\n          lastMessage {\n            id\n            text\n            recalled\n            sender {\n              id\n              displayName\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Conversations {\n    conversations(first: 50) {\n      edges {\n        node {\n          id\n          kind\n          title\n          unreadCount\n          lastSeq\n          lastReadSeq\n          members {\n            id\n            username\n            displayName\n          }\n          lastMessage {\n            id\n            text\n            recalled\n            sender {\n              id\n              displayName\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UploadFields on UploadSession {\n    id\n    chunkSize\n    chunkCount\n    receivedChunks\n    status\n    failure\n    proofChallenge {\n      ranges {\n        offset\n        length\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment UploadFields on UploadSession {\n    id\n    chunkSize\n    chunkCount\n    receivedChunks\n    status\n    failure\n    proofChallenge {\n      ranges {\n        offset\n        length\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InitUpload($filename: String!, $size: Float!, $sha256: String!) {\n    initUpload(filename: $filename, size: $size, sha256: $sha256) {\n      upload {\n        ...UploadFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation InitUpload($filename: String!, $size: Float!, $sha256: String!) {\n    initUpload(filename: $filename, size: $size, sha256: $sha256) {\n      upload {\n        ...UploadFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UploadStatus($uploadId: ID!) {\n    uploadStatus(uploadId: $uploadId) {\n      ...UploadFields\n    }\n  }\n"): (typeof documents)["\n  query UploadStatus($uploadId: ID!) {\n    uploadStatus(uploadId: $uploadId) {\n      ...UploadFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProveUpload($uploadId: ID!, $proofs: [String!]!) {\n    proveUpload(uploadId: $uploadId, proofs: $proofs) {\n      ...UploadFields\n    }\n  }\n"): (typeof documents)["\n  mutation ProveUpload($uploadId: ID!, $proofs: [String!]!) {\n    proveUpload(uploadId: $uploadId, proofs: $proofs) {\n      ...UploadFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UploadChunk($uploadId: ID!, $index: Int!, $chunk: Upload!, $checksum: String!) {\n    uploadChunk(uploadId: $uploadId, index: $index, chunk: $chunk, checksum: $checksum) {\n      index\n      receivedCount\n      chunkCount\n    }\n  }\n"): (typeof documents)["\n  mutation UploadChunk($uploadId: ID!, $index: Int!, $chunk: Upload!, $checksum: String!) {\n    uploadChunk(uploadId: $uploadId, index: $index, chunk: $chunk, checksum: $checksum) {\n      index\n      receivedCount\n      chunkCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompleteUpload($uploadId: ID!) {\n    completeUpload(uploadId: $uploadId) {\n      ...UploadFields\n    }\n  }\n"): (typeof documents)["\n  mutation CompleteUpload($uploadId: ID!) {\n    completeUpload(uploadId: $uploadId) {\n      ...UploadFields\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;
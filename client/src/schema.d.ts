/**
 * Generated from the API's OpenAPI document by openapi-typescript: do not edit.
 * Regenerate with `npm run client:generate`; `npm run client:check` (CI) fails when it is stale.
 */

export interface paths {
    "/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Root */
        get: operations["root"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness (does not touch the database) */
        get: operations["liveness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness (pings the database); 503 with the reason when it cannot */
        get: operations["readiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Register */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The user the token belongs to */
        get: operations["getCurrentUser"];
        put?: never;
        post?: never;
        /** Delete the account, with its posts, votes and sessions */
        delete: operations["deleteAccount"];
        options?: never;
        head?: never;
        /** Change your username, display name or bio */
        patch: operations["updateProfile"];
        trace?: never;
    };
    "/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user by id (needs a token when the server runs with USER_EMAILS=private) */
        get: operations["getUser"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in with e-mail and password (OAuth2 password flow), or trade a refresh token for a new pair (grant_type=refresh_token) */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The public keys that verify access tokens (RFC 7517); empty with HS256 */
        get: operations["getJwks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/posts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The feed, newest first; drafts only to their owner. X-Total-Count has the number of matching posts; Link and X-Next-Cursor lead to the next page. */
        get: operations["listPosts"];
        put?: never;
        /** Write a post */
        post: operations["createPost"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/posts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One post with its vote count */
        get: operations["getPost"];
        /** Replace a post (published defaults to true) */
        put: operations["replacePost"];
        post?: never;
        /** Delete a post and its votes */
        delete: operations["deletePost"];
        options?: never;
        head?: never;
        /** Change some fields of a post */
        patch: operations["updatePost"];
        trace?: never;
    };
    "/vote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Vote on a post (dir 1) or take the vote back (dir 0) */
        post: operations["vote"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/posts/{id}/votes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A post's voters, newest vote first */
        get: operations["listVoters"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/posts/{id}/vote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Vote on a post; voting again changes nothing */
        put: operations["addVote"];
        post?: never;
        /** Take your vote on a post back; without one, nothing changes */
        delete: operations["removeVote"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change the password; every other session ends */
        put: operations["changePassword"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mail a password reset link to the address, if it is registered */
        post: operations["requestPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a new password with the token of a reset link; every session ends */
        post: operations["confirmPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/profiles/{username}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A profile, with its counts and how you are related */
        get: operations["getProfile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/profiles/{username}/follow": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Follow a profile; following again changes nothing */
        put: operations["follow"];
        post?: never;
        /** Stop following a profile; without a follow, nothing changes */
        delete: operations["unfollow"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/profiles/{username}/followers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who follows the profile, newest follow first */
        get: operations["listFollowers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/profiles/{username}/following": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whom the profile follows, newest follow first */
        get: operations["listFollowing"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/profiles/{username}/posts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The profile's published posts, newest first (yours include your drafts) */
        get: operations["listProfilePosts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your home timeline, newest first: the published posts of the accounts you follow, and your own. Link and X-Next-Cursor lead to the next page. */
        get: operations["getTimeline"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/posts/{id}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A post's comments, oldest first; with reply_to, that comment's replies */
        get: operations["listComments"];
        put?: never;
        /** Comment on a post, or (reply_to) reply to one of its comments */
        post: operations["createComment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/comments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One comment */
        get: operations["getComment"];
        put?: never;
        post?: never;
        /** Delete your comment, or one on your post, and its replies */
        delete: operations["deleteComment"];
        options?: never;
        head?: never;
        /** Change your comment (sets edited_at) */
        patch: operations["updateComment"];
        trace?: never;
    };
    "/profiles/{username}/block": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Block a user: neither of you sees the other any more, and follows between you end */
        put: operations["block"];
        post?: never;
        /** Unblock a user; without a block, nothing changes */
        delete: operations["unblock"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/me/blocks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whom you block, newest first */
        get: operations["listBlocks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your notifications, newest first */
        get: operations["listNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/unread": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How many of your notifications are unread */
        get: operations["countUnreadNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark your notifications read: all, or up to up_to */
        post: operations["markNotificationsRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/stream/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A single-use ticket to open GET /stream with EventSource (valid 30 s) */
        post: operations["createStreamTicket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live updates (Server-Sent Events): timeline, post.updated, post.deleted, votes, comment, notification, unread, session.ended
         * @description A reconnecting client sends `Last-Event-ID` (the id of the last event it received, as EventSource does): the timeline posts and notifications made since (24 hours at most) are sent first.
         */
        get: operations["openStream"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log out: end the token's session */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/me/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The user's sessions, newest first */
        get: operations["listSessions"];
        put?: never;
        post?: never;
        /** Log out everywhere: end every session, this one too */
        delete: operations["endAllSessions"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/me/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** End one of the user's sessions */
        delete: operations["endSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        UserCreate: {
            /**
             * Format: email
             * @description Trimmed, and stored lower-case and in Unicode NFC
             * @example ada@example.com
             */
            email: string;
            /**
             * Format: password
             * @description 8 to 72 bytes of UTF-8 (bcrypt reads at most 72)
             * @example correct horse battery
             */
            password: string;
            /**
             * @description Absent: one is made from the e-mail's local part (a number appended where taken)
             * @example ada
             */
            username?: string;
        };
        UserOut: {
            /** @example 1 */
            id: number;
            /**
             * @description Left out for other users' accounts when the server runs with USER_EMAILS=private
             * @example ada@example.com
             */
            email?: string;
            /** @example ada */
            username: string;
            /**
             * Format: date-time
             * @example 2026-11-24T19:00:00.000+00:00
             */
            created_at: string;
        };
        HTTPError: {
            /** @example Not Found */
            detail: string;
        };
        ValidationError: {
            /**
             * @example [
             *       "body",
             *       "title"
             *     ]
             */
            loc: (string | number)[];
            /** @example Field required */
            msg: string;
            /** @example missing */
            type: string;
        };
        HTTPValidationError: {
            detail: components["schemas"]["ValidationError"][];
        };
        LoginForm: {
            /**
             * @description The e-mail address (password grant)
             * @example ada@example.com
             */
            username?: string;
            /**
             * Format: password
             * @description Password grant
             * @example correct horse battery
             */
            password?: string;
            /** @description Absent or "password": log in; "refresh_token": refresh */
            grant_type?: string;
            /** @description With grant_type=refresh_token: the refresh token of the last answer */
            refresh_token?: string;
            scope?: string;
            client_id?: string;
            client_secret?: string;
        };
        Token: {
            /** @description A JWT carrying user_id, sid, iat and exp, with the signing key's kid in its header */
            access_token: string;
            /** @example bearer */
            token_type: string;
            /**
             * @description Seconds until the access token expires
             * @example 1800
             */
            expires_in: number;
            /** @description Opaque; trade it at POST /login (grant_type=refresh_token) for a new pair. Single use. */
            refresh_token: string;
        };
        Post: {
            /** @example 1 */
            id: number;
            /** @example Hello */
            title: string;
            /** @example My first post */
            content: string;
            /** @example true */
            published: boolean;
            /**
             * Format: date-time
             * @example 2026-11-24T19:00:00.000+00:00
             */
            created_at: string;
            /** @example 1 */
            owner_id: number;
            owner: components["schemas"]["UserOut"];
        };
        PostOut: {
            Post: components["schemas"]["Post"];
            /** @example 3 */
            votes: number;
            /** @description Whether you have voted on the post */
            voted: boolean;
            /**
             * @description Comments on the post, replies included
             * @example 2
             */
            comments: number;
        };
        PostCreate: {
            /** @example Hello */
            title: string;
            /** @example My first post */
            content: string;
            /** @description Absent means true; false keeps the post a draft, visible only to its owner */
            published?: boolean;
        };
        PostPatch: {
            title?: string;
            content?: string;
            published?: boolean;
        };
        Vote: {
            /** @example 1 */
            post_id: number;
            /**
             * @description 1 adds your vote, 0 takes it back
             * @enum {integer}
             */
            dir: 0 | 1;
        };
        VoteResult: {
            /** @example successfully added vote */
            message: string;
        };
        Brief: {
            /** @example 1 */
            id: number;
            /** @example ada */
            username: string;
            /**
             * @description Empty when not set
             * @example Ada Lovelace
             */
            display_name: string;
            /** @description You follow them */
            followed: boolean;
        };
        PostVote: {
            /** @example 1 */
            post_id: number;
            /**
             * @description Votes on the post, yours included
             * @example 3
             */
            votes: number;
            /** @description Whether you have voted on the post */
            voted: boolean;
        };
        PasswordChange: {
            /**
             * Format: password
             * @example correct horse battery
             */
            current_password: string;
            /**
             * Format: password
             * @description 8 to 72 bytes of UTF-8 (bcrypt reads at most 72)
             * @example another horse battery
             */
            new_password: string;
        };
        AccountDeletion: {
            /**
             * Format: password
             * @description The current password
             * @example correct horse battery
             */
            password: string;
        };
        PasswordResetRequest: {
            /**
             * Format: email
             * @description Trimmed, and stored lower-case and in Unicode NFC
             * @example ada@example.com
             */
            email: string;
        };
        Message: {
            /** @example If the address is registered, a reset link has been sent */
            message: string;
        };
        PasswordResetConfirm: {
            /** @description The token of the reset link */
            token: string;
            /**
             * Format: password
             * @description 8 to 72 bytes of UTF-8 (bcrypt reads at most 72)
             * @example another horse battery
             */
            new_password: string;
        };
        ProfilePatch: {
            /** @example ada */
            username?: string;
            /** @example Ada Lovelace */
            display_name?: string;
            /** @example Analyst of engines. */
            bio?: string;
        };
        Profile: {
            /** @example 1 */
            id: number;
            /** @example ada */
            username: string;
            /**
             * @description Empty when not set
             * @example Ada Lovelace
             */
            display_name: string;
            /**
             * @description Empty when not set
             * @example Analyst of engines.
             */
            bio: string;
            /**
             * Format: date-time
             * @example 2026-11-24T19:00:00.000+00:00
             */
            created_at: string;
            /**
             * @description Published posts
             * @example 12
             */
            posts_count: number;
            /** @example 340 */
            followers_count: number;
            /** @example 120 */
            following_count: number;
            /** @description You follow them */
            followed: boolean;
            /** @description They follow you */
            follows_you: boolean;
        };
        FollowState: {
            /** @example ada */
            username: string;
            /** @example 341 */
            followers_count: number;
            /** @description You follow them (always the state the request asked for) */
            followed: boolean;
        };
        CommentCreate: {
            /** @example Nice post! */
            content: string;
            /** @description A comment of the same post to reply to (a reply to a reply joins its thread) */
            reply_to?: number;
        };
        Comment: {
            /** @example 1 */
            id: number;
            /** @example 1 */
            post_id: number;
            /** @example Nice post! */
            content: string;
            /**
             * Format: date-time
             * @example 2026-11-24T19:00:00.000+00:00
             */
            created_at: string;
            /**
             * Format: date-time
             * @description When the content was last changed; null if never
             * @example null
             */
            edited_at: string | null;
            owner: components["schemas"]["UserOut"];
            /**
             * @description The comment this one replies to; null for a top-level comment
             * @example null
             */
            reply_to: number | null;
            /**
             * @description Replies to this comment
             * @example 0
             */
            replies: number;
        };
        CommentPatch: {
            /** @example Nice post! (edited) */
            content: string;
        };
        BlockState: {
            /** @example mallory */
            username: string;
            /** @description You block them (always the state the request asked for) */
            blocked: boolean;
        };
        NotificationPost: {
            /** @example 1 */
            id: number;
            /** @example Hello */
            title: string;
        };
        NotificationComment: {
            /** @example 1 */
            id: number;
            /** @example Nice post! */
            content: string;
        };
        Notification: {
            /** @example 1 */
            id: number;
            /**
             * @description vote or comment (on your post), reply (to your comment), follow
             * @example vote
             * @enum {string}
             */
            kind: "vote" | "comment" | "reply" | "follow";
            actor: components["schemas"]["Brief"];
            /** @description The post, for vote, comment and reply; null for follow */
            post: components["schemas"]["NotificationPost"] | null;
            /** @description The comment, for comment and reply; null otherwise */
            comment: components["schemas"]["NotificationComment"] | null;
            /**
             * Format: date-time
             * @example 2026-11-24T19:00:00.000+00:00
             */
            created_at: string;
            read: boolean;
        };
        UnreadCount: {
            /** @example 3 */
            count: number;
        };
        NotificationsRead: {
            /** @description Mark read only the notifications up to this id (included); absent: all */
            up_to?: number;
        };
        StreamTicketDto: {
            /**
             * @description Single use; opens GET /stream?ticket=
             * @example l0q3cU2x8Zl9cWm2bD9m3Bq0vUu6r0fWk1yq2g8dV1E
             */
            ticket: string;
            /**
             * @description Seconds the ticket may wait to be used
             * @example 30
             */
            expires_in: number;
        };
        SessionOut: {
            /** @example 12 */
            id: number;
            /**
             * Format: date-time
             * @description The login
             * @example 2026-11-24T19:00:00.000+00:00
             */
            created_at: string;
            /**
             * Format: date-time
             * @description The login or the last refresh
             * @example 2026-11-24T21:30:00.000+00:00
             */
            last_used_at: string;
            /** @example Mozilla/5.0 (X11; Linux x86_64) */
            user_agent: string | null;
            /** @description Whether the token of this request belongs to this session */
            current: boolean;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    root: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Hello World */
                        message: string;
                    };
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    liveness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    readiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The database answers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok" | "error";
                        info?: {
                            [key: string]: {
                                /** @enum {string} */
                                status?: "up" | "down";
                                message?: string;
                                /** @enum {string} */
                                channel?: "heard" | "lost";
                                reason?: string;
                                /** Format: date-time */
                                since?: string;
                            };
                        };
                        error?: {
                            [key: string]: {
                                /** @enum {string} */
                                status?: "up" | "down";
                                message?: string;
                                /** @enum {string} */
                                channel?: "heard" | "lost";
                                reason?: string;
                                /** Format: date-time */
                                since?: string;
                            };
                        };
                        details?: {
                            [key: string]: {
                                /** @enum {string} */
                                status?: "up" | "down";
                                message?: string;
                                /** @enum {string} */
                                channel?: "heard" | "lost";
                                reason?: string;
                                /** Format: date-time */
                                since?: string;
                            };
                        };
                    };
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database does not answer */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @example {
                         *       "status": "ok",
                         *       "info": {
                         *         "database": {
                         *           "status": "up"
                         *         },
                         *         "events": {
                         *           "status": "up",
                         *           "channel": "heard"
                         *         }
                         *       },
                         *       "error": {},
                         *       "details": {
                         *         "database": {
                         *           "status": "up"
                         *         },
                         *         "events": {
                         *           "status": "up",
                         *           "channel": "heard"
                         *         }
                         *       }
                         *     }
                         */
                        detail: {
                            /** @enum {string} */
                            status: "ok" | "error";
                            info?: {
                                [key: string]: {
                                    /** @enum {string} */
                                    status?: "up" | "down";
                                    message?: string;
                                    /** @enum {string} */
                                    channel?: "heard" | "lost";
                                    reason?: string;
                                    /** Format: date-time */
                                    since?: string;
                                };
                            };
                            error?: {
                                [key: string]: {
                                    /** @enum {string} */
                                    status?: "up" | "down";
                                    message?: string;
                                    /** @enum {string} */
                                    channel?: "heard" | "lost";
                                    reason?: string;
                                    /** Format: date-time */
                                    since?: string;
                                };
                            };
                            details?: {
                                [key: string]: {
                                    /** @enum {string} */
                                    status?: "up" | "down";
                                    message?: string;
                                    /** @enum {string} */
                                    channel?: "heard" | "lost";
                                    reason?: string;
                                    /** Format: date-time */
                                    since?: string;
                                };
                            };
                        };
                    };
                };
            };
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserCreate"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserOut"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds until the next attempt is taken */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    getCurrentUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserOut"];
                };
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    deleteAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AccountDeletion"];
            };
        };
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds until the next attempt is taken */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    updateProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProfilePatch"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Profile"];
                };
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An id; one beyond every row is a 404 */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserOut"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["LoginForm"];
                "multipart/form-data": components["schemas"]["LoginForm"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Token"];
                };
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds until the next attempt is taken */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    getJwks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    listPosts: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Continue after the previous page: its X-Next-Cursor header (also in its Link header) */
                cursor?: string;
                /** @description Posts to skip (the course's paging). Not with cursor. */
                skip?: number;
                /** @description Case-insensitive substring of the title; % and _ match themselves */
                search?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description Posts matching the query (a search counts at most SEARCH_COUNT_LIMIT) */
                    "X-Total-Count"?: number;
                    /** @description Present when a search has more matches than X-Total-Count says */
                    "X-Total-Count-Capped"?: "true";
                    /** @description When there is a next page: `<path?limit=..&cursor=..>; rel="next"` */
                    Link?: string;
                    /** @description When there is a next page: the `cursor` that continues after this page's last row */
                    "X-Next-Cursor"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostOut"][];
                };
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    createPost: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PostCreate"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Post"];
                };
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    getPost: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An id; one beyond every row is a 404 */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostOut"];
                };
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    replacePost: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An id; one beyond every row is a 404 */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PostCreate"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Post"];
                };
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    deletePost: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An id; one beyond every row is a 404 */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    updatePost: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An id; one beyond every row is a 404 */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PostPatch"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Post"];
                };
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    vote: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Vote"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VoteResult"];
                };
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    listVoters: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Continue after the previous page: its X-Next-Cursor header (also in its Link header) */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description An id; one beyond every row is a 404 */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description Rows in the whole list */
                    "X-Total-Count"?: number;
                    /** @description When there is a next page: `<path?limit=..&cursor=..>; rel="next"` */
                    Link?: string;
                    /** @description When there is a next page: the `cursor` that continues after this page's last row */
                    "X-Next-Cursor"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Brief"][];
                };
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    addVote: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An id; one beyond every row is a 404 */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostVote"];
                };
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    removeVote: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An id; one beyond every row is a 404 */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostVote"];
                };
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordChange"];
            };
        };
        responses: {
            /** @description Changed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds until the next attempt is taken */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    requestPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordResetRequest"];
            };
        };
        responses: {
            /** @description The same answer whether or not the address is registered, and whether or not a mail goes out */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Message"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    confirmPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordResetConfirm"];
            };
        };
        responses: {
            /** @description Changed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request cannot be carried out */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    getProfile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Matched without regard to letter case */
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Profile"];
                };
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    follow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Matched without regard to letter case */
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FollowState"];
                };
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    unfollow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Matched without regard to letter case */
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FollowState"];
                };
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    listFollowers: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Continue after the previous page: its X-Next-Cursor header (also in its Link header) */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description Matched without regard to letter case */
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description Rows in the whole list */
                    "X-Total-Count"?: number;
                    /** @description When there is a next page: `<path?limit=..&cursor=..>; rel="next"` */
                    Link?: string;
                    /** @description When there is a next page: the `cursor` that continues after this page's last row */
                    "X-Next-Cursor"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Brief"][];
                };
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    listFollowing: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Continue after the previous page: its X-Next-Cursor header (also in its Link header) */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description Matched without regard to letter case */
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description Rows in the whole list */
                    "X-Total-Count"?: number;
                    /** @description When there is a next page: `<path?limit=..&cursor=..>; rel="next"` */
                    Link?: string;
                    /** @description When there is a next page: the `cursor` that continues after this page's last row */
                    "X-Next-Cursor"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Brief"][];
                };
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    listProfilePosts: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Continue after the previous page: its X-Next-Cursor header (also in its Link header) */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description Matched without regard to letter case */
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description Rows in the whole list */
                    "X-Total-Count"?: number;
                    /** @description When there is a next page: `<path?limit=..&cursor=..>; rel="next"` */
                    Link?: string;
                    /** @description When there is a next page: the `cursor` that continues after this page's last row */
                    "X-Next-Cursor"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostOut"][];
                };
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    getTimeline: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Continue after the previous page: its X-Next-Cursor header (also in its Link header) */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description When there is a next page: `<path?limit=..&cursor=..>; rel="next"` */
                    Link?: string;
                    /** @description When there is a next page: the `cursor` that continues after this page's last row */
                    "X-Next-Cursor"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostOut"][];
                };
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    listComments: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Continue after the previous page: its X-Next-Cursor header (also in its Link header) */
                cursor?: string;
                /** @description List this comment's replies instead of the post's comments */
                reply_to?: number;
            };
            header?: never;
            path: {
                /** @description An id; one beyond every row is a 404 */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description When there is a next page: `<path?limit=..&cursor=..>; rel="next"` */
                    Link?: string;
                    /** @description When there is a next page: the `cursor` that continues after this page's last row */
                    "X-Next-Cursor"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Comment"][];
                };
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    createComment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An id; one beyond every row is a 404 */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CommentCreate"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Comment"];
                };
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    getComment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An id; one beyond every row is a 404 */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Comment"];
                };
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    deleteComment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An id; one beyond every row is a 404 */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    updateComment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An id; one beyond every row is a 404 */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CommentPatch"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Comment"];
                };
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    block: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Matched without regard to letter case */
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BlockState"];
                };
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    unblock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Matched without regard to letter case */
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BlockState"];
                };
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    listBlocks: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Continue after the previous page: its X-Next-Cursor header (also in its Link header) */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description When there is a next page: `<path?limit=..&cursor=..>; rel="next"` */
                    Link?: string;
                    /** @description When there is a next page: the `cursor` that continues after this page's last row */
                    "X-Next-Cursor"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Brief"][];
                };
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    listNotifications: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Continue after the previous page: its X-Next-Cursor header (also in its Link header) */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description When there is a next page: `<path?limit=..&cursor=..>; rel="next"` */
                    Link?: string;
                    /** @description When there is a next page: the `cursor` that continues after this page's last row */
                    "X-Next-Cursor"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Notification"][];
                };
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    countUnreadNotifications: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnreadCount"];
                };
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    markNotificationsRead: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NotificationsRead"];
            };
        };
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    createStreamTicket: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StreamTicketDto"];
                };
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    openStream: {
        parameters: {
            query?: {
                /** @description A ticket from POST /stream/tickets, for clients that cannot send a token (EventSource) */
                ticket?: string;
                /** @description Post ids to follow closely (votes, comments, edits), comma-separated, at most 200 */
                watch?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An event stream (text/event-stream); it stays open */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session is over; its access and refresh tokens are refused from now on */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    listSessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionOut"][];
                };
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    endAllSessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every session is over, every token issued until now is refused, and tokens without a session (course-style) from then on */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
    endSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An id; one beyond every row is a 404 */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session is over */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials") */
            401: {
                headers: {
                    /** @description The scheme to authenticate with */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The path does not take this method */
            405: {
                headers: {
                    /** @description The methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description Validation error: one entry per problem, `loc` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Unexpected failure ("Internal Server Error"; never a stack trace or SQL) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
            /** @description The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later */
            503: {
                headers: {
                    /** @description When the server is too busy: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPError"];
                };
            };
        };
    };
}

export { AiProviderError, isAiProviderError, type TAiErrorKind } from "../errors";
export { CHAT_DEFAULTS, createChatProvider } from "./create-chat-provider";
export { estimateTokens } from "./stream-with-retry";
export { testChatProvider, type TConnectionTestResult } from "./test-chat-provider";
export type { TChatChunk, TChatMessage, TChatProvider, TChatProviderConfig, TChatProviderName, TChatRequest, TChatUsage, TFinishReason } from "./types";

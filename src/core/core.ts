/**
 * The platform-neutral core: topics, briefings, timelines, sources and answers over the store.
 * Command handlers, the CLI and the scheduler call it; it never sees a chat platform.
 */
import type { Logger } from "pino";
import { buildBriefing, sourceRef } from "../briefing/brief.js";
import { buildTimeline } from "../briefing/timeline.js";
import { type IngestOutcome, ingestArticle } from "../corpus/ingest.js";
import type { DigestService } from "../digests/service.js";
import { answerAnalysed } from "../qa/ask.js";
import { SentenceIndex, SentenceIndexBuilder } from "../qa/bm25.js";
import { CONVERSATION_TTL_MS, isState, nextState, referentOf, resolveFollowUp } from "../qa/conversation.js";
import { analyzeQuestion, defuseMentions } from "../qa/question.js";
import type { Store } from "../store/store.js";
import { UserFacingError } from "./errors.js";
import type { RequestLimits } from "./limits.js";
import type { ArticleInput, Topic } from "./model.js";
import type { AskResult, Briefing, SourceRef, TimelineResult } from "./reply.js";

export const MAX_QUESTION_LENGTH = 1000;

export interface CoreOptions {
  store: Store;
  logger: Logger;
  /** Topic used when a command names none and there are several. */
  defaultTopic?: string;
  now?: () => Date;
}

/** Articles read per page while the sentence index is built. */
const INDEX_PAGE = 100;

export class Core {
  readonly store: Store;
  readonly logger: Logger;
  /** Digest subscriptions, when the bot runs with a scheduler (not in one-shot CLI commands). */
  digests?: DigestService;
  /** Per-user and per-channel request limits, when the bot serves people (not in one-shot CLI commands). */
  limits?: RequestLimits;
  private readonly defaultTopic?: string;
  private readonly now: () => Date;
  /** One sentence index over every topic (topics filter at search time), rebuilt when articles are added. */
  private sentenceIndex?: { revision: number; index: Promise<SentenceIndex> };

  constructor(options: CoreOptions) {
    this.store = options.store;
    this.logger = options.logger;
    this.defaultTopic = options.defaultTopic;
    this.now = options.now ?? (() => new Date());
  }

  async topics(): Promise<(Topic & { articles: number })[]> {
    const topics = await this.store.listTopics();
    return Promise.all(topics.map(async (t) => ({ ...t, articles: await this.store.countArticles(t.id) })));
  }

  /** The topic a command means: the one named, else the default, else the only one. */
  async resolveTopic(id?: string): Promise<Topic> {
    const wanted = id?.trim() || this.defaultTopic;
    const topics = await this.store.listTopics();
    if (wanted) {
      const topic = topics.find((t) => t.id === wanted);
      if (topic) return topic;
      throw new UserFacingError(
        `There is no topic '${wanted}'. Topics: ${topics.map((t) => t.id).join(", ") || "none yet"}.`,
      );
    }
    if (topics.length === 1) return topics[0] as Topic;
    if (topics.length === 0)
      throw new UserFacingError("There are no topics yet: ingest some articles first.");
    throw new UserFacingError(
      `Several topics are followed: name one with topic:ID (${topics.map((t) => t.id).join(", ")}).`,
    );
  }

  async brief(topicId?: string, options: { since?: string; sentences?: number } = {}): Promise<Briefing> {
    const topic = await this.resolveTopic(topicId);
    const articles = await this.store.listArticles({ topicId: topic.id });
    return buildBriefing(topic, articles, { ...options, now: this.now() });
  }

  async timeline(topicId?: string): Promise<TimelineResult> {
    const topic = await this.resolveTopic(topicId);
    const articles = await this.store.listArticles({ topicId: topic.id });
    return { topic: topic.id, title: topic.title, events: buildTimeline(articles) };
  }

  async sources(topicId?: string): Promise<{ topic: Topic; sources: SourceRef[] }> {
    const topic = await this.resolveTopic(topicId);
    const articles = await this.store.listArticles({ topicId: topic.id });
    const sources = articles.map(sourceRef).sort((a, b) => b.published.localeCompare(a.published));
    return { topic, sources };
  }

  /**
   * Answer a question from one topic's articles, or from all topics when none is named. With a
   * conversation id, a follow-up ("And who supports him?") is read in the light of the previous
   * question, and the conversation's topic is kept.
   */
  async ask(
    question: string,
    topicId?: string,
    conversationId?: string,
    options: { alwaysAnswer?: boolean } = {},
  ): Promise<AskResult> {
    const q = question.trim();
    if (!q) throw new UserFacingError("Ask a question, for example: /ask Who brokered the ceasefire?");
    if (q.length > MAX_QUESTION_LENGTH) {
      throw new UserFacingError(
        `That question is ${q.length} characters long; please keep it under ${MAX_QUESTION_LENGTH}.`,
      );
    }
    const named = topicId?.trim();
    if (named && !/^[a-z0-9][a-z0-9-]{0,63}$/.test(named))
      throw new UserFacingError("A topic id is lower-case letters, digits and dashes: see /topics.");
    const now = this.now();
    const saved = conversationId ? await this.store.getConversation(conversationId, now) : undefined;
    const previous = saved && isState(saved.state) ? saved.state : undefined;
    const topic = named ? await this.resolveTopic(named) : undefined;
    const topicOfAnswer = topic?.id ?? previous?.topicId;
    const resolved = resolveFollowUp(q, previous);
    const analysed = analyzeQuestion(resolved);
    const index = await this.indexFor(topicOfAnswer);
    const about = resolved !== q && previous ? referentOf(previous) : undefined;
    const result = await answerAnalysed(index, analysed, {
      topicId: topicOfAnswer,
      ...(about ? { about } : {}),
      ...(options.alwaysAnswer ? { alwaysAnswer: true } : {}),
    });
    if (resolved !== q) {
      result.resolvedQuestion = analysed.text;
      result.question = defuseMentions(q).replace(/\s+/g, " ").trim();
    }
    if (conversationId) {
      await this.store.saveConversation({
        id: conversationId,
        state: { ...nextState(result, analysed.names, topicOfAnswer) },
        expiresAt: new Date(now.getTime() + CONVERSATION_TTL_MS).toISOString(),
      });
    }
    return result;
  }

  async ingest(input: ArticleInput): Promise<IngestOutcome> {
    return ingestArticle(this.store, input, this.now());
  }

  /**
   * The sentence index, rebuilt only when articles were added. It covers every topic (a topic is a
   * filter at search time), so asking across topics and within one share the same memory.
   */
  async indexFor(_topicId?: string): Promise<SentenceIndex> {
    const revision = await this.store.revision();
    if (this.sentenceIndex && this.sentenceIndex.revision === revision) return this.sentenceIndex.index;
    const index = this.buildSentenceIndex();
    this.sentenceIndex = { revision, index };
    index.catch(() => {
      if (this.sentenceIndex?.index === index) this.sentenceIndex = undefined;
    });
    return index;
  }

  /**
   * Read the stored articles' sentence terms a page at a time, without their texts: the few sentences
   * an answer quotes are read back from the store per question.
   */
  private async buildSentenceIndex(): Promise<SentenceIndex> {
    const builder = new SentenceIndexBuilder();
    let after: string | undefined;
    do {
      const page = await this.store.listArticleTerms({ after, limit: INDEX_PAGE });
      builder.add(page.items);
      after = page.next;
    } while (after);
    return new SentenceIndex(builder, async (id) => {
      const article = await this.store.getArticle(id);
      if (!article) return undefined;
      return {
        sentences: article.analysis.sentences.map((s) => s.text),
        entities: article.analysis.entities,
      };
    });
  }
}

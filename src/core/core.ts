/**
 * The platform-neutral core: topics, briefings, timelines, sources and answers over the store.
 * Command handlers, the CLI and the scheduler call it; it never sees a chat platform.
 */
import type { Logger } from "pino";
import { buildBriefing, sourceRef } from "../briefing/brief.js";
import { buildTimeline } from "../briefing/timeline.js";
import { type IngestOutcome, ingestArticle } from "../corpus/ingest.js";
import { answerQuestion } from "../qa/ask.js";
import { SentenceIndex } from "../qa/bm25.js";
import type { Store } from "../store/store.js";
import { UserFacingError } from "./errors.js";
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

export class Core {
  readonly store: Store;
  readonly logger: Logger;
  private readonly defaultTopic?: string;
  private readonly now: () => Date;
  private readonly indexes = new Map<string, { revision: number; index: SentenceIndex }>();

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

  /** Answer a question from one topic's articles, or from all topics when none is named. */
  async ask(question: string, topicId?: string): Promise<AskResult> {
    const q = question.trim();
    if (!q) throw new UserFacingError("Ask a question, for example: /ask Who brokered the ceasefire?");
    if (q.length > MAX_QUESTION_LENGTH) {
      throw new UserFacingError(
        `That question is ${q.length} characters long; please keep it under ${MAX_QUESTION_LENGTH}.`,
      );
    }
    const topic = topicId?.trim() ? await this.resolveTopic(topicId) : undefined;
    const index = await this.indexFor(topic?.id);
    return answerQuestion(index, q);
  }

  async ingest(input: ArticleInput): Promise<IngestOutcome> {
    return ingestArticle(this.store, input, this.now());
  }

  /** The sentence index of a topic (or of everything), rebuilt only when articles were added. */
  private async indexFor(topicId?: string): Promise<SentenceIndex> {
    const key = topicId ?? "*";
    const revision = await this.store.revision();
    const cached = this.indexes.get(key);
    if (cached && cached.revision === revision) return cached.index;
    const articles = await this.store.listArticles(topicId ? { topicId } : {});
    const index = new SentenceIndex(articles);
    this.indexes.set(key, { revision, index });
    return index;
  }
}

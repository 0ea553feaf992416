"""A `create_agent` agent whose model streams content blocks: reasoning, thinking, tool use.

As the LangChain v1 docs write an agent (`langchain.agents.create_agent(model, tools=...)`),
with `block_model.BlockChatModel`, which streams `AIMessageChunk.content` as lists of
content blocks (each chunk one word of one block, with the block's `index`).

What the model does, by the latest user message (lower-cased):

| message starts with | the streamed message(s)                                                |
|---------------------|------------------------------------------------------------------------|
| `think`             | Anthropic-style: `{"type": "thinking", "thinking": ..., "index": 0}` chunks, then `{"type": "text", "text": ..., "index": 1}` chunks (`model_provider: anthropic`) |
| `reason`            | LangChain v1 standard blocks: `{"type": "reasoning", "reasoning": ..., "index": 0}` chunks, then `{"type": "text", "text": ..., "index": 1}` chunks (`output_version: v1`) |
| `look up`           | a `reasoning` block (index 0), then a tool call: an Anthropic-style `{"type": "tool_use", "id": "toolu_lookup", "name": "lookup", "input": {}, "index": 1}` block (then `input_json_delta` blocks) alongside the `tool_call_chunks`; the `lookup` tool returns content AND an artifact (`response_format="content_and_artifact"`); then a final answer in `text` blocks |
| anything else       | plain text, word by word                                               |
"""

from langchain.agents import create_agent
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.tools import tool

from graphs.block_model import BlockChatModel
from hitl.fake_model import call, last_request, text_of, tool_results


@tool(response_format="content_and_artifact")
def lookup(topic: str) -> tuple[str, dict]:
    """Look a topic up in the encyclopedia; returns a summary and the source record."""
    content = f"{topic}: a systems programming language, 1.0 released in 2015."
    artifact = {"source": "encyclopedia", "topic": topic,
                "url": f"https://example.com/{topic.lower()}", "year": 2015}
    return content, artifact


THINKING = "The user wants me to think it through. Let me weigh both options first."
REASONING = "Reasoning step by step: two plus two makes four, times ten is forty."


def script(messages: list[BaseMessage]) -> AIMessage:
    request = last_request(messages)
    if results := tool_results(messages):
        answer = f"According to the encyclopedia: {results[-1].content}"
        return AIMessage(
            content=[{"type": "text", "text": answer}],
            response_metadata={"model_provider": "anthropic"},
        )
    if request.startswith("think"):
        return AIMessage(
            content=[
                {"type": "thinking", "thinking": THINKING},
                {"type": "text", "text": "After thinking it over, the second option is better."},
            ],
            response_metadata={"model_provider": "anthropic"},
        )
    if request.startswith("reason"):
        return AIMessage(
            content=[
                {"type": "reasoning", "reasoning": REASONING},
                {"type": "text", "text": "The answer is forty."},
            ],
            response_metadata={"output_version": "v1"},
        )
    if request.startswith("look up"):
        asked = next(text_of(m) for m in reversed(messages) if m.type == "human")
        topic = asked[len("look up"):].strip(" ?.") or "Rust"
        lookup_call = call("lookup", "toolu_lookup", topic=topic)
        return AIMessage(
            content=[
                {"type": "reasoning",
                 "reasoning": f"I should look {topic} up in the encyclopedia before answering."},
                {"type": "tool_use", "id": "toolu_lookup", "name": "lookup", "input": {}},
            ],
            tool_calls=[lookup_call],
        )
    return AIMessage(content="Ask me to think, reason or look something up.")


agent = create_agent(
    model=BlockChatModel(script=script),
    tools=[lookup],
    system_prompt="You are a thoughtful assistant.",
    name="reasoning_agent",
)

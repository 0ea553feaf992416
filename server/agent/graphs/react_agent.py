"""The prebuilt ReAct agent: `langgraph.prebuilt.create_react_agent(model, tools=[...])`.

As the LangGraph quickstart writes it: one `get_weather` tool, the prebuilt agent loop
(`agent` node → `tools` node → `agent` …). The model is `hitl.fake_model.FakeChatModel`.

What the model does, by the latest user message (lower-cased):

| message                        | model turn                                                   |
|--------------------------------|--------------------------------------------------------------|
| has `paris` and `rome`         | ONE message with TWO parallel calls `get_weather(city=...)` (ids `call_paris`, `call_rome`) |
| has `paris`                    | `get_weather(city="Paris")` (id `call_paris`)                |
| has `rome`                     | `get_weather(city="Rome")` (id `call_rome`)                  |
| anything else (e.g. `thanks`)  | a plain streamed reply, no tool                              |

Once this turn's tool results are in, it streams an answer that sums up every result.
"""

from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.tools import tool
from langgraph.prebuilt import create_react_agent

from hitl.fake_model import FakeChatModel, call, last_request, tool_results

WEATHER = {"Paris": "sunny, 21 °C", "Rome": "cloudy, 18 °C"}


@tool
def get_weather(city: str) -> str:
    """Get the weather for a given city."""
    return f"It is {WEATHER.get(city, 'mild, 15 °C')} in {city}."


def script(messages: list[BaseMessage]) -> AIMessage:
    if results := tool_results(messages):
        said = " ".join(str(result.content) for result in results)
        return AIMessage(content=f"Here is the weather you asked for: {said} Anything else?")
    request = last_request(messages)
    paris = call("get_weather", "call_paris", city="Paris")
    rome = call("get_weather", "call_rome", city="Rome")
    if "paris" in request and "rome" in request:
        return AIMessage(content="", tool_calls=[paris, rome])
    if "paris" in request:
        return AIMessage(content="", tool_calls=[paris])
    if "rome" in request:
        return AIMessage(content="", tool_calls=[rome])
    return AIMessage(content="You are welcome! Ask me about the weather any time.")


agent = create_react_agent(FakeChatModel(script=script), tools=[get_weather], name="react_agent")

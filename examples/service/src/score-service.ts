// The scoring path of the incident: the worker calls this service, which calls the memory API.
class MemoryClient {
  async extractFacts(text: string): Promise<string[]> {
    const response = await fetch('https://memory.example.com/facts', { method: 'POST', body: text });
    return (await response.json()) as string[];
  }
}

export class ScoreService {
  private readonly memoryClient = new MemoryClient();

  async calculate(log: string): Promise<number> {
    const facts = await this.memoryClient.extractFacts(log);
    return facts.length;
  }
}
